// A slide fits the screen above the presenter's bar: its type shrinks (--fit, from 1 down to MIN_FIT of
// its size) until the slide fits the deck; a slide still too long at the smallest type readable from the
// back of the room scrolls inside the deck, and ↓/↑ scroll it before they change slides.
const MIN_FIT = 0.5;
const STEPS = 7; // halvings of the range: within 0.4 % of the largest size that fits

const overflows = (deck) => deck.scrollHeight > deck.clientHeight + 1;

export function fit(slide, deck) {
  slide.style.setProperty("--fit", "1");
  if (!overflows(deck)) return;
  let low = MIN_FIT;
  let high = 1;
  for (let step = 0; step < STEPS; step++) {
    const middle = (low + high) / 2;
    slide.style.setProperty("--fit", String(middle));
    if (overflows(deck)) high = middle;
    else low = middle;
  }
  slide.style.setProperty("--fit", String(low));
}

// Scrolls the deck by most of a screen in direction (1 down, -1 up); false when it is already at that end.
export function scrollWithin(deck, direction) {
  const room = direction > 0 ? deck.scrollHeight - deck.clientHeight - deck.scrollTop : deck.scrollTop;
  if (room <= 1) return false;
  deck.scrollBy({ top: direction * Math.min(room, deck.clientHeight * 0.8) });
  return true;
}
