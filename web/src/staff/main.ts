// Entry of the staff portal (staff/index.html).
import './components/staff-app/staff-app';
