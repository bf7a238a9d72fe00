// Entry of the report page (index.html).
import './components/klikvrij-app/klikvrij-app';
