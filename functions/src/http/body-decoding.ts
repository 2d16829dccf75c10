import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib';
import iconv from 'iconv-lite';
import { problems } from './problem';

/**
 * Turning a request body's bytes into the text the caller meant: `Content-Encoding` (RFC 9110 §8.4) undone within
 * the size limit, then the charset of `Content-Type` honoured (UTF-8 when none is given, RFC 8259 §8.1), a UTF-8
 * byte order mark ignored. Every refusal is a problem document in words; no message ever quotes the body's bytes.
 */

type Inflate = (bytes: Buffer, options: ZlibOptions) => Promise<Buffer>;

const DECODERS: Readonly<Record<string, Inflate>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  br: promisify(brotliDecompress),
};

/** `deflate` is the zlib format (RFC 9110 §8.4.1.2), but some clients send raw deflate: the zlib header tells them apart. */
const inflateEither: Inflate = (bytes, options) => {
  const [first = 0, second = 0] = bytes;
  const zlibHeader = bytes.length >= 2 && (first & 0x0f) === 8 && ((first << 8) | second) % 31 === 0;
  return zlibHeader ? promisify(inflate)(bytes, options) : promisify(inflateRaw)(bytes, options);
};

/** Printable ASCII only, and short: what a header may be quoted as in a message. */
export function quotable(text: string, max = 40): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function tooLarge(maxBytes: number) {
  const megabytes = Math.floor(maxBytes / 1024 / 1024);
  return problems.payloadTooLarge({
    sv: `Begäran är större än ${megabytes} MB när den packats upp. Skicka färre rader per begäran.`,
    en: `The request is larger than ${megabytes} MB once unpacked. Send fewer rows per request.`,
  });
}

/**
 * Undoes `Content-Encoding` (gzip, deflate, br; a list is undone last first), the unpacked size capped at `maxBytes`
 * while unpacking (zlib's `maxOutputLength`), so a small bomb never grows in memory. 415 for another coding.
 */
export async function decodeContentEncoding(bytes: Buffer, header: string | null, maxBytes: number): Promise<Buffer> {
  const codings = (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length > 2)
    throw problems.unsupportedMediaType({
      sv: 'Begäran är packad fler än två gånger (Content-Encoding). Packa den en gång, med gzip.',
      en: 'The request is packed more than twice (Content-Encoding). Pack it once, with gzip.',
    });
  let body = bytes;
  for (const coding of codings.reverse()) {
    const decode = coding === 'deflate' ? inflateEither : DECODERS[coding];
    if (!decode) {
      throw problems.unsupportedMediaType({
        sv: `Content-Encoding ”${quotable(coding)}” stöds inte. Skicka begäran opackad eller packad med gzip, deflate eller br.`,
        en: `Content-Encoding “${quotable(coding)}” is not supported. Send the request unpacked or packed with gzip, deflate or br.`,
      });
    }
    try {
      body = await decode(body, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw tooLarge(maxBytes);
      throw problems.badRequest({
        sv: `Begäran sägs vara packad med ${coding} (Content-Encoding) men kunde inte packas upp. Kontrollera att innehållet verkligen är packat så.`,
        en: `The request says it is packed with ${coding} (Content-Encoding) but could not be unpacked. Check that the content really is packed that way.`,
      });
    }
  }
  return body;
}

/**
 * The WHATWG Encoding Standard's name for a label (`iso-8859-1` → `windows-1252`), as Node's TextDecoder resolves it;
 * undefined for a label it does not know. Only the name is taken: Node decodes some of these labels as Latin-1.
 */
function whatwgName(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** The `charset` parameter of a Content-Type header, lower-cased, or undefined when there is none. */
export function declaredCharset(contentType: string | null): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  const charset = (match?.[1] ?? match?.[2])?.trim().toLowerCase();
  return charset ? charset : undefined;
}

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const NOT_UTF8 = {
  sv:
    'Begärans innehåll är inte giltig UTF-8 (t.ex. å, ä eller ö skrivna i ISO-8859-1/Windows-1252, som Windows PowerShell 5.1 gör). ' +
    'Skicka texten som UTF-8, eller ange teckenkodningen i Content-Type, t.ex. application/json; charset=windows-1252. ' +
    'I PowerShell: -ContentType "application/json; charset=utf-8" -Body ([Text.Encoding]::UTF8.GetBytes($json)).',
  en:
    'The request body is not valid UTF-8 (e.g. å, ä or ö written in ISO-8859-1/Windows-1252, as Windows PowerShell 5.1 does). ' +
    'Send the text as UTF-8, or give the charset in Content-Type, e.g. application/json; charset=windows-1252. ' +
    'In PowerShell: -ContentType "application/json; charset=utf-8" -Body ([Text.Encoding]::UTF8.GetBytes($json)).',
};

/**
 * The body as text: in the declared charset (any that iconv-lite knows: iso-8859-1, windows-1252, utf-16le…), or
 * UTF-8 when none is declared, which must then be valid (400 otherwise). A UTF-8 byte order mark is ignored
 * (RFC 8259 §8.1); an unknown charset is a 415.
 */
export function decodeText(bytes: Buffer, contentType: string | null): string {
  const charset = declaredCharset(contentType);
  if (charset === undefined || UTF8_NAMES.has(charset)) {
    try {
      // fatal: invalid bytes throw instead of becoming U+FFFD; the BOM, when present, is consumed.
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw problems.badRequest(NOT_UTF8, { reason: 'not-utf-8' });
    }
  }
  // The WHATWG Encoding Standard's labels first, as browsers read them: `iso-8859-1`, `latin1` and `us-ascii` mean
  // windows-1252 there, which is what Windows programs that send those labels actually write (€ – “ ”).
  const name = whatwgName(charset) ?? charset;
  if (!iconv.encodingExists(name)) {
    throw problems.unsupportedMediaType({
      sv: `Teckenkodningen ”${quotable(charset)}” i Content-Type är okänd. Skicka UTF-8 (charset=utf-8), eller en vanlig kodning som windows-1252 eller iso-8859-1.`,
      en: `The charset “${quotable(charset)}” in Content-Type is unknown. Send UTF-8 (charset=utf-8), or a common encoding such as windows-1252 or iso-8859-1.`,
    });
  }
  return iconv.decode(bytes, name, { stripBOM: true });
}
