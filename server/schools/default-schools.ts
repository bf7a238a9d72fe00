import type { SchoolsFile } from './schools-file.js';

// The contact table of the seed protocol (CBS de Kopakker, 2021-2022), as shipped by default.
// A board replaces it with SCHOOLS_FILE; this default stays the seed's, word for word.
export const DEFAULT_SCHOOLS: SchoolsFile = {
  defaultSchool: 'kopakker',
  schools: [
    {
      slug: 'kopakker',
      name: 'CBS de Kopakker',
      board: 'Vivente-groep',
      fullNotificationMail: false,
      contacts: [
        {
          name: 'Bertine Pas',
          email: 'Bertine.pas@vivente.nu',
          roles: ['anti-pestcoordinator', 'vertrouwenspersoon'],
          note: 'in opleiding',
        },
        {
          name: 'Elmar van Dokkum',
          email: 'Elmar.van.dokkum@vivente.nu',
          roles: ['anti-pestcoordinator', 'directeur'],
          note: 'gecertificeerd',
        },
        { name: 'Yvonne de Bruin', email: 'Yvonne.de.bruin@vivente.nu', roles: ['ib'] },
        { name: 'Judith van Driel', email: 'j.van.driel@ecadapt.nl', roles: ['orthopedagoog'] },
        {
          name: 'Jorma van den Hoeven',
          email: 'J.van.den.hoeven@swt.zwolle.nl',
          roles: ['schoolmaatschappelijk-werker'],
        },
      ],
    },
  ],
};
