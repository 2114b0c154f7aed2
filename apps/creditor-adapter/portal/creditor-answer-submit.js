// Sending an answer form: the server's violations go to their fields, other errors to the form.
import { api } from './api.js';
import { clearErrors, showViolations } from './forms.js';

export async function submitAnswer(form, path, body, onAnswered) {
  const button = form.querySelector('button[type="submit"]');
  clearErrors(form);
  button.disabled = true;
  try {
    onAnswered(await api('POST', path, body));
  } catch (error) {
    if (error.status === 409) {
      showViolations(form, [], 'Dit verzoek is al beantwoord. Ververs de pagina.');
    } else if (error.status === 403) {
      showViolations(form, [], 'U mag dit verzoek niet beantwoorden.');
    } else {
      showViolations(form, error.violations ?? [], error.message);
    }
  } finally {
    button.disabled = false;
  }
}
