// Small line pictograms for the entry paths, kinds and places, drawn on a 24x24 grid in the text colour.
// Inline SVG only: no icon font, no remote asset.
import { svg, type SVGTemplateResult } from 'lit';
import type { Kind, Place, Role } from './options';

export const KIND_PICTOGRAMS: Record<Kind, SVGTemplateResult> = {
  physical: svg`<path d="M12 2.5l1.9 4.6 4.8-1.7-1.7 4.8 4.5 1.8-4.5 1.8 1.7 4.8-4.8-1.7L12 21.5l-1.9-4.6-4.8 1.7 1.7-4.8L2.5 12l4.5-1.8-1.7-4.8 4.8 1.7z"/>`,
  verbal: svg`<path d="M4 4h16v11H10l-5 4v-4H4z"/><path d="M8 10.5l2-2 2 2 2-2 2 2"/>`,
  exclusion: svg`<circle cx="6" cy="8" r="2.2"/><circle cx="12" cy="8" r="2.2"/><path d="M2.5 17c0-3 1.6-5 3.5-5s3.5 2 3.5 5M8.5 17c0-3 1.6-5 3.5-5s3.5 2 3.5 5"/><circle cx="19.5" cy="10" r="2"/><path d="M17 19c0-2.6 1.1-4.5 2.5-4.5S22 16.4 22 19"/>`,
  belongings: svg`<rect x="5.5" y="7" width="13" height="14" rx="3"/><path d="M9 7V5.5a3 3 0 0 1 6 0V7M9 13h6M12 13v3"/>`,
  cyber: svg`<rect x="7" y="2.5" width="10" height="19" rx="2"/><path d="M11 18.5h2M10 8l4 4M14 8l-4 4"/>`,
  threat: svg`<path d="M12 3.5l9.5 17h-19z"/><path d="M12 10v5M12 17.8v.2"/>`,
  other: svg`<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.6 2.2c-.7.4-1.1 1-1.1 1.8M12 16.8v.2"/>`,
};

export const PLACE_PICTOGRAMS: Record<Place, SVGTemplateResult> = {
  playground: svg`<circle cx="12" cy="9" r="5.5"/><path d="M12 14.5V21M4 21h16"/>`,
  classroom: svg`<rect x="3" y="4" width="18" height="12" rx="1"/><path d="M7 8.5h7M7 11.5h4M8 20l2-4M16 20l-2-4"/>`,
  corridor: svg`<path d="M6 21V3h12v18M3 21h18"/><path d="M14.5 12v.2"/>`,
  gym: svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c-3 2.5-3 15.5 0 18M12 3c3 2.5 3 15.5 0 18"/>`,
  way_home: svg`<path d="M3 11.5L12 4l9 7.5"/><path d="M5.5 10v10.5h13V10M10 20.5v-5h4v5"/>`,
  online: svg`<path d="M2.5 9a14 14 0 0 1 19 0M5.5 12.5a9.5 9.5 0 0 1 13 0M8.5 16a5 5 0 0 1 7 0"/><path d="M12 19.3v.2"/>`,
  elsewhere: svg`<path d="M12 21.5s7-6.6 7-11.5a7 7 0 0 0-14 0c0 4.9 7 11.5 7 11.5z"/><circle cx="12" cy="10" r="2.5"/>`,
};

export const ROLE_PICTOGRAMS: Record<Role, SVGTemplateResult> = {
  // One child, pointing at itself: "het gebeurt bij mij".
  self: svg`<circle cx="12" cy="6" r="3"/><path d="M6.5 21v-5.5a5.5 5.5 0 0 1 11 0V21"/><path d="M12 13.5v3.5"/>`,
  // An eye watching two children: "ik zie het bij iemand anders".
  bystander: svg`<path d="M2 8.5s3.6-5 10-5 10 5 10 5-3.6 5-10 5-10-5-10-5z"/><circle cx="12" cy="8.5" r="2.2"/><circle cx="7" cy="17" r="1.8"/><path d="M4 22c0-2 1.3-3 3-3s3 1 3 3"/><circle cx="17" cy="17" r="1.8"/><path d="M14 22c0-2 1.3-3 3-3s3 1 3 3"/>`,
  // A grown-up holding a child's hand.
  parent: svg`<circle cx="8" cy="4.5" r="2.5"/><path d="M3.5 21v-7a4.5 4.5 0 0 1 9 0v7"/><circle cx="17" cy="11" r="2"/><path d="M13.5 21v-3.5a3.5 3.5 0 0 1 7 0V21"/><path d="M12.5 15.5l2 1"/>`,
  other: KIND_PICTOGRAMS.other,
};

/** Small interface icons, drawn like the pictograms. */
export const ICONS = {
  speaker: svg`<path d="M3.5 9.5h3.5l4.5-4v13l-4.5-4H3.5z"/><path d="M15 9a4 4 0 0 1 0 6M17.5 6.5a7.5 7.5 0 0 1 0 11"/>`,
  stop: svg`<rect x="6" y="6" width="12" height="12" rx="1.5"/>`,
  exit: svg`<path d="M10 3.5H4.5v17H10"/><path d="M15 7.5l4.5 4.5-4.5 4.5M19.5 12H9"/>`,
  phone: svg`<path d="M6.5 3h3l1.5 4.5-2.2 1.4a11 11 0 0 0 6.3 6.3l1.4-2.2L21 14.5v3a2.5 2.5 0 0 1-2.5 2.5A16.5 16.5 0 0 1 4 5.5 2.5 2.5 0 0 1 6.5 3z"/>`,
  back: svg`<path d="M14.5 6l-6 6 6 6"/>`,
  next: svg`<path d="M9.5 6l6 6-6 6"/>`,
};
