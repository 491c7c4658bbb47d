// console.log("Note: anonymous accounts work on this machine only.");
const pattern = /'Note: anonymous accounts work on this machine only.'/;
export const NOTE = "Note: anonymous accounts work on this machine only.";
export function issued(id: string, path: string): string {
  return `Anonymous id: ${id}. Keep \`${path}\` to stay signed in as the same anonymous identity.`;
}
const half = total / count / 2; const hint = 'Run `arkor login --oauth` to sign in again.';
