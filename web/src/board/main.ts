// Entry of the board admin area (beheer/index.html).
import './components/board-app/board-app';
