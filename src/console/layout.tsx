import type { Context } from 'hono';
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { CSS_PATH, JS_PATH } from './assets.ts';
import { type Lang, type Translate, langOf, translator } from './i18n.ts';

/** What every page knows of its request: the language, and for the console the signed-in regulator. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  /** The path and query of this page (for the language switch). */
  here: string;
  regulator?: { name: string; csrf: string } | undefined;
}

export function pageContext(c: Context, regulator?: PageContext['regulator']): PageContext {
  const lang = langOf(c);
  const url = new URL(c.req.url);
  return { lang, t: translator(lang), here: url.pathname + url.search, regulator };
}

export const Layout: FC<
  PropsWithChildren<{
    p: PageContext;
    title: string;
    /** What users wrote that names the page (a store's name), after the title. */
    titleRaw?: string;
    script?: boolean;
  }>
> = ({ p, title, titleRaw, script, children }) => {
  const { t } = p;
  const other: Lang = p.lang === 'zh' ? 'en' : 'zh';
  return (
    <html lang={p.lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${titleRaw ? `${title} · ${titleRaw}` : title} · marketgate`}</title>
        <link rel="stylesheet" href={CSS_PATH} />
        <link rel="icon" href="data:," />
        {script ? <script src={JS_PATH} defer></script> : null}
      </head>
      <body>
        <header class="top">
          <a class="brand" href={p.regulator ? '/console' : '/'}>
            {p.regulator ? `marketgate · ${t('console')}` : t('site')}
          </a>
          {p.regulator ? (
            <nav>
              <a href="/console">{t('dashboard')}</a> · <a href="/console/complaints">{t('complaints')}</a> ·{' '}
              <a href="/console/subjects">{t('subjects')}</a> · <a href="/console/risk">{t('risk')}</a> ·{' '}
              <a href="/console/crawls">{t('crawls')}</a> · <a href="/console/events">{t('events')}</a> ·{' '}
              <a href="/console/decisions">{t('decisions')}</a> · <a href="/console/leads">{t('leads')}</a> ·{' '}
              <a href="/console/assistance">{t('assistanceRequests')}</a>
            </nav>
          ) : (
            <nav>
              <a href="/">{t('creditLookup')}</a> · <a href="/complaints/new">{t('lodge')}</a> ·{' '}
              <a href="/complaints/track">{t('track')}</a> · <a href="/trace">{t('traceCheck')}</a> ·{' '}
              <a href="/open-data">{t('odTitle')}</a> · <a href="/console">{t('console')}</a>
            </nav>
          )}
          <a
            href={`/lang?to=${other}&back=${encodeURIComponent(p.here)}`}
            lang={other === 'zh' ? 'zh-CN' : 'en'}
          >
            {t('switchLang')}
          </a>
          {p.regulator ? (
            <form method="post" action="/console/logout">
              <input type="hidden" name="_csrf" value={p.regulator.csrf} />
              <span data-raw>{p.regulator.name} </span>
              <button type="submit">{t('logout')}</button>
            </form>
          ) : null}
        </header>
        <main>
          <h1>
            {title}
            {titleRaw ? <span data-raw> · {titleRaw}</span> : null}
          </h1>
          {children}
        </main>
        <footer>marketgate · {p.regulator ? t('auditNote') : t('site')}</footer>
      </body>
    </html>
  );
};

/** A labelled form field with its hint and, when the last attempt was refused, its error beside it. */
export const Field: FC<
  PropsWithChildren<{
    label: string;
    name: string;
    error?: string | undefined;
    hint?: string;
    required?: boolean;
  }>
> = ({ label, name, error, hint, required, children }) => (
  <div class={error ? 'field invalid' : 'field'}>
    <label for={`f-${name}`}>
      {label}
      {required ? ' *' : ''}
    </label>
    {hint ? (
      <span class="hint" id={`h-${name}`}>
        {hint}
      </span>
    ) : null}
    {children}
    {error ? (
      <span class="error" id={`e-${name}`} role="alert">
        {error}
      </span>
    ) : null}
  </div>
);

/** A text input in its Field: the input's id is `f-<id>` (`id` is the name unless two forms share it). */
export const TextField: FC<{
  label: string;
  name: string;
  id?: string;
  required?: boolean;
  maxlength?: number;
  type?: 'date';
  value?: string | undefined;
}> = ({ label, name, id = name, required, maxlength, type, value }) => (
  <Field label={label} name={id} required={required}>
    <input id={`f-${id}`} name={name} type={type} required={required} maxlength={maxlength} value={value} />
  </Field>
);

/**
 * One select of a list page's filter form: the "all" option first (its value and label), then the
 * options as [value, label], the current one selected.
 */
export const FilterSelect: FC<{
  name: string;
  label: string;
  all: readonly [string, string];
  options: readonly (readonly [string, string])[];
  selected: string | null | undefined;
}> = ({ name, label, all, options, selected }) => (
  <select name={name} aria-label={label}>
    <option value={all[0]}>{all[1]}</option>
    {options.map(([value, text]) => (
      <option value={value} selected={value === selected}>
        {text}
      </option>
    ))}
  </select>
);

/** A list page's filter form (GET `action`): its selects, then the button that shows what they choose. */
export const FilterForm: FC<PropsWithChildren<{ p: PageContext; action: string }>> = ({
  p,
  action,
  children,
}) => (
  <form method="get" action={action} class="inline" role="search">
    {children}
    <button type="submit" class="secondary">
      {p.t('show')}
    </button>
  </form>
);

/** The filter select of platforms, by slug, "all platforms" first. */
export const PlatformFilter: FC<{
  p: PageContext;
  platforms: readonly { slug: string }[];
  selected: string | null | undefined;
}> = ({ p, platforms, selected }) => (
  <FilterSelect
    name="platform"
    label={p.t('platform')}
    all={['', p.t('allPlatforms')]}
    options={platforms.map((pl) => [pl.slug, pl.slug] as const)}
    selected={selected}
  />
);

export const Notice: FC<{ kind?: 'error' | 'warn' | 'info'; text: Child }> = ({ kind = 'info', text }) => (
  <p class={kind === 'info' ? 'notice' : `notice ${kind}`} role={kind === 'error' ? 'alert' : undefined}>
    {text}
  </p>
);

/** Renders a page as a complete HTML document. */
export async function render(c: Context, node: Child, status = 200): Promise<Response> {
  const body = await Promise.resolve(
    String(await (node as { toString(): string | Promise<string> }).toString()),
  );
  return c.html(`<!doctype html>${body}`, status as 200);
}
