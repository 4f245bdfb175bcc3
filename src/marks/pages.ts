import { html } from 'hono/html';
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

/** The public verification page, for people: valid or not, to whom, for which site; a warning when opened from elsewhere. */
export function verificationPage(mark: MarkRow, status: MarkStatus, openedFrom: string | null): string {
  const { zh, en, color } = STATUS_TEXT[status];
  const elsewhere = openedFrom !== null && openedFrom !== mark.origin;
  return String(
    html`<!doctype html>
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>marketgate 认证标识 ${mark.id}</title>
          <style>
            body {
              font-family: sans-serif;
              max-width: 40rem;
              margin: 2rem auto;
              padding: 0 1rem;
              color: #24292f;
            }
            .status {
              font-size: 1.4rem;
              font-weight: bold;
              color: ${color};
            }
            .warn {
              border: 2px solid #cf222e;
              padding: 0.8rem;
              border-radius: 6px;
            }
            dt {
              font-weight: bold;
              margin-top: 0.6rem;
            }
          </style>
        </head>
        <body>
          <h1>marketgate 认证标识 · Trust mark</h1>
          <p class="status">${zh} · ${en}</p>
          ${elsewhere ? html`<p class="warn">此标识颁发给 <strong>${mark.origin}</strong>，但您是从 <strong>${openedFrom}</strong> 打开的：该网站可能在冒用他人的标识。<br />This mark was issued to ${mark.origin}, but you opened it from ${openedFrom}: that site may be showing someone else's mark.</p>` : ''}
          <dl>
            <dt>经营主体 · Business</dt>
            <dd>${mark.subject_name}${mark.subject_uscc ? html` (${mark.subject_uscc})` : ''}</dd>
            <dt>网站 · Site</dt>
            <dd>${mark.origin}</dd>
            <dt>颁发 · Issued</dt>
            <dd>${mark.issued_at.slice(0, 10)}</dd>
            <dt>有效期至 · Valid until</dt>
            <dd>${mark.expires_at.slice(0, 10)}</dd>
            ${
              mark.revoked_at
                ? html`<dt>撤销 · Revoked</dt>
                    <dd>${mark.revoked_at.slice(0, 10)}: ${mark.revoke_reason}</dd>`
                : ''
            }
            <dt>标识编号 · Mark id</dt>
            <dd><code>${mark.id}</code></dd>
          </dl>
          <p>
            签名可离线核验：公钥见 <a href="/v1/receipt-key">/v1/receipt-key</a>，签名内容见
            <a href="/v1/marks/${mark.id}">/v1/marks/${mark.id}</a>。
          </p>
        </body>
      </html>`,
  );
}
