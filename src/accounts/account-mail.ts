/** The texts of the mails that carry reset and invitation links, in the reader's language. */
export function resetMail(link: string, locale: string): { subject: string; text: string } {
  return locale === 'en'
    ? {
        subject: 'Reset your Parley password',
        text: [`Someone asked to reset the password of your Parley account. To choose a new one, open this link within an hour:`, '', link, '', 'If that was not you, ignore this mail: your password stays as it is.'].join('\n'),
      }
    : {
        subject: 'Parley-Passwort zurücksetzen',
        text: ['Jemand möchte das Passwort Ihres Parley-Kontos zurücksetzen. Öffnen Sie innerhalb einer Stunde diesen Link, um ein neues zu wählen:', '', link, '', 'Waren Sie das nicht, ignorieren Sie diese Mail: Ihr Passwort bleibt unverändert.'].join('\n'),
      };
}

export function inviteMail(link: string, workspaceName: string, locale: string): { subject: string; text: string } {
  return locale === 'en'
    ? {
        subject: `Your invitation to ${workspaceName} on Parley`,
        text: [`You are invited to answer customers with the team of ${workspaceName} in Parley. Open this link within seven days to choose your name and password:`, '', link, '', 'The link works once.'].join('\n'),
      }
    : {
        subject: `Ihre Einladung zu ${workspaceName} in Parley`,
        text: [`Sie sind eingeladen, mit dem Team von ${workspaceName} in Parley Kundenanfragen zu beantworten. Öffnen Sie innerhalb von sieben Tagen diesen Link und wählen Sie Ihren Namen und Ihr Passwort:`, '', link, '', 'Der Link funktioniert einmal.'].join('\n'),
      };
}

/**
 * The link opens the app with the token in the fragment: browsers never send a fragment to a
 * server, so the token stays out of access logs and Referer headers.
 */
export function accountLink(publicUrl: string, page: 'reset-password' | 'invitation', token: string): string {
  return `${new URL(`/${page}`, publicUrl).toString()}#token=${encodeURIComponent(token)}`;
}
