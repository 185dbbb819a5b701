/**
 * An agency's logo: PNG, JPEG or WebP, recognised by its first bytes (never by the name or the
 * type the browser claims), at most LIMITS.logoBytes. SVG is refused: it can carry script.
 */
import { LIMITS } from "./limits";

const SIGNATURES = [
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], at: 0 },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff], at: 0 },
  { type: "image/webp", bytes: [0x57, 0x45, 0x42, 0x50], at: 8 }, // "WEBP" after "RIFF" and a size
] as const;

export type LogoCheck = { ok: true; dataUrl: string } | { ok: false; message: string };

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (bytes.length === 0) return { ok: false, message: "Choose an image file" };
  if (bytes.length > LIMITS.logoBytes)
    return { ok: false, message: `The logo is ${Math.ceil(bytes.length / 1024)} KB; at most 64 KB` };
  const match = SIGNATURES.find(({ bytes: sig, at }) => sig.every((b, i) => bytes[at + i] === b));
  if (!match) return { ok: false, message: "Use a PNG, JPEG or WebP image" };
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { ok: true, dataUrl: `data:${match.type};base64,${btoa(binary)}` };
}

/** The stored data URL back to its type and bytes, for the logo's route. */
export function decodeLogo(dataUrl: string): { type: string; bytes: Uint8Array } | null {
  const match = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!match) return null;
  const binary = atob(match[2]!);
  return { type: match[1]!, bytes: Uint8Array.from(binary, (c) => c.charCodeAt(0)) };
}
