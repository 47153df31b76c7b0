/** Office's body background colour (`#rrggbb`), or undefined where Outlook does not expose it. */
export function getOfficeBodyBackground(): string | undefined {
  return Office.context.officeTheme?.bodyBackgroundColor;
}
