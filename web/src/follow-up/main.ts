// Entry of the follow-up page (volgen/index.html).
import './follow-up-page/follow-up-page';
