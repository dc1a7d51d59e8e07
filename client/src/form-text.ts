/** What a form's text field holds: its text, '' when the form has no such field (never a file's "[object File]"). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
