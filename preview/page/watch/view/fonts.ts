// Fitbit's fonts by name: "System-Regular", "System-Bold", "System-Light" (and the named families of
// older SDKs such as "Colfax-Bold" or "Seville-Book"). The device font (Raiju on Fitbit OS 5, Seville
// before) is not shipped with the preview: the browser's sans-serif stands in, so text widths differ.

export const FONT_STACK = "Raiju, Seville, 'Liberation Sans', Arimo, Arial, Helvetica, sans-serif";

export interface Font {
  family: string;
  weight: number;
}

export function fontFor(name: string | undefined, weight: string | undefined): Font {
  let w = 400;
  const suffix = /-(\w+)$/.exec(name || "");
  if (suffix) {
    const s = suffix[1].toLowerCase();
    if (s === "bold" || s === "black" || s === "heavy") w = 700;
    else if (s === "semibold" || s === "medium" || s === "demibold") w = 600;
    else if (s === "light" || s === "book" || s === "thin") w = 300;
  }
  if (weight === "bold") w = 700;
  else if (weight === "light") w = 300;
  else if (weight === "regular") w = 400;
  else if (weight && /^\d+$/.test(weight)) w = Number(weight);
  return { family: FONT_STACK, weight: w };
}

let context: CanvasRenderingContext2D | null = null;

/** Measures text as the SVG will draw it (same family, weight and size). */
export function measurer(font: Font, size: number, letterSpacing: number) {
  if (!context) context = document.createElement("canvas").getContext("2d");
  const ctx = context as CanvasRenderingContext2D;
  const css = `${font.weight} ${size}px ${font.family}`;
  ctx.font = css;
  const metrics = ctx.measureText("Hg");
  return {
    width: (text: string) => {
      ctx.font = css;
      return ctx.measureText(text).width + letterSpacing * text.length;
    },
    ascent: metrics.fontBoundingBoxAscent || size * 0.8,
    descent: metrics.fontBoundingBoxDescent || size * 0.2,
  };
}
