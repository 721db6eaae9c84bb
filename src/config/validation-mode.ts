/**
 * How the config's validators run. A command validates the config once, where zod's compiled
 * validators (made with `new Function` on their first use) cost more than they save; a daemon
 * validates every API request and keeps them. Set by the CLI's entry before anything is read.
 */
let validatesOnce = false;

export function validateOnce(): void {
  validatesOnce = true;
}

export function validatesOnlyOnce(): boolean {
  return validatesOnce;
}
