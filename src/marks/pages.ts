import type { Context } from 'hono';
import { html } from 'hono/html';
import { type Child, jsx } from 'hono/jsx';
import { Layout, Notice, pageContext, render } from '../console/layout.tsx';
import { PAGE_CSP } from '../console/security.ts';
import { Status, When } from '../console/ui.tsx';
import { type MarkStatus } from './mark.ts';
import type { MarkRow } from './store.ts';

const STATUS_TEXT: Record<MarkStatus, { zh: string; en: string; color: string }> = {
  active: { zh: '有效', en: 'valid', color: '#1a7f37' },
  expired: { zh: '已过期', en: 'expired', color: '#9a6700' },
  revoked: { zh: '已撤销', en: 'revoked', color: '#cf222e' },
};

/** The badge a store embeds: no text from the store in it, only the status, so nothing can be injected. */
export function badgeSvg(status: MarkStatus): string {
  const { zh, en, color } = STATUS_TEXT[status];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="48" viewBox="0 0 180 48" role="img" aria-label="marketgate ${en}">
<rect width="180" height="48" rx="6" fill="#fff" stroke="${color}" stroke-width="2"/>
<circle cx="24" cy="24" r="13" fill="${color}"/>
<path d="M17 24l5 5 9-10" fill="none" stroke="#fff" stroke-width="3"/>
<text x="46" y="21" font-family="sans-serif" font-size="13" fill="#24292f">marketgate 认证</text>
<text x="46" y="38" font-family="sans-serif" font-size="12" fill="${color}">${zh} · ${en}</text>
</svg>`;
}

/** The fragment a store pastes into its page: a link to the verification page around the badge. No script. */
export function snippetHtml(base: string, mark: MarkRow): string {
  const href = `${base}/marks/${mark.id}`;
  return String(
    html`<a href="${href}" target="_blank" rel="noopener"
      ><img src="${href}/badge.svg" width="180" height="48" alt="marketgate 认证标识 · ${mark.subject_name}"
    /></a>`,
  );
}

/** A message of ours with its `{name}` places filled by nodes (escaped as any child is). */
function fill(text: string, parts: Record<string, Child>): Child[] {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? piece) : piece));
}

const NOTICE_KIND: Record<MarkStatus, 'info' | 'warn' | 'error'> = {
  active: 'info',
  expired: 'warn',
  revoked: 'error',
};

/**
 * The public verification page, for people: valid or not, to whom, for which site; a warning when opened
 * from elsewhere. The site's page in the reader's language (the `lang` cookie, else Accept-Language),
 * with the pages' style sheet and their content security policy: nothing inline.
 */
export function verificationPage(
  c: Context,
  mark: MarkRow,
  status: MarkStatus,
  openedFrom: string | null,
): Promise<Response> {
  const p = pageContext(c);
  const { t, lang } = p;
  const elsewhere = openedFrom !== null && openedFrom !== mark.origin;
  const statusText = html`<strong data-testid="mark-status">${jsx(Status, { lang, value: status })}</strong>`;
  const body = html`
    ${jsx(Notice, { kind: NOTICE_KIND[status], text: statusText })}
    ${
      elsewhere
        ? jsx(Notice, {
            kind: 'error',
            text: html`<span data-testid="elsewhere"
              >${fill(t('markElsewhere'), {
                origin: html`<strong>${mark.origin}</strong>`,
                from: html`<strong>${openedFrom}</strong>`,
              })}</span
            >`,
          })
        : ''
    }
    <dl class="facts">
      <dt>${t('markBusiness')}</dt>
      <dd data-raw>
        ${mark.subject_name}${mark.subject_uscc ? html` (<code>${mark.subject_uscc}</code>)` : ''}
      </dd>
      <dt>${t('markSite')}</dt>
      <dd data-raw>${mark.origin}</dd>
      <dt>${t('markIssued')}</dt>
      <dd>${jsx(When, { lang, iso: mark.issued_at })}</dd>
      <dt>${t('markValidUntil')}</dt>
      <dd>${jsx(When, { lang, iso: mark.expires_at })}</dd>
      ${
        mark.revoked_at
          ? html`<dt>${t('markRevokedAt')}</dt>
              <dd>${jsx(When, { lang, iso: mark.revoked_at })}</dd>
              <dt>${t('markRevokeReason')}</dt>
              <dd data-raw>${mark.revoke_reason}</dd>`
          : ''
      }
      <dt>${t('markId')}</dt>
      <dd><code>${mark.id}</code></dd>
    </dl>
    <p>
      ${fill(t('markVerify'), {
        key: html`<a href="/v1/receipt-key">/v1/receipt-key</a>`,
        mark: html`<a href="/v1/marks/${mark.id}">/v1/marks/${mark.id}</a>`,
      })}
    </p>
  `;
  // The pages' policy (console/security.ts): the style sheet is a file of ours, so no inline style is needed.
  c.header('content-security-policy', PAGE_CSP);
  c.header('vary', 'Accept-Language, Cookie', { append: true });
  return render(c, jsx(Layout, { p, title: t('markTitle') }, body));
}
