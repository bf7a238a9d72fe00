import { html } from 'lit';
import { api } from '../../api';
import '../../../portal/portal-login-form/portal-login-form';
import '../staff-school-sign-in/staff-school-sign-in';

/** The staff portal's sign-in: a one-time link by mail, and the school's account where it is set up. */
export const staffLoginForm = () =>
  html`<portal-login-form
    heading="Inloggen voor de school"
    intro="Voor de anti-pestcoördinator, vertrouwenspersoon, IB'er, directeur en MT. Je krijgt een inloglink per e-mail."
    label="Je e-mailadres van school"
    .requestLink=${api.requestLink}
    ><staff-school-sign-in></staff-school-sign-in
  ></portal-login-form>`;
