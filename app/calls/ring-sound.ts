/**
 * The phone's ring, made with the Web Audio API (no audio file): a two-tone burst of about
 * 1.2 s, like a desk phone. Browser only; does nothing where Web Audio is missing or blocked.
 */
let context: AudioContext | null = null;

export function playRing(): void {
  try {
    const AudioCtx: typeof AudioContext | undefined =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioCtx) return;
    context ??= new AudioCtx();
    if (context.state === "suspended") void context.resume().catch(() => {});
    const now = context.currentTime;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0, now);
    // Two short bursts, as a European desk phone rings.
    for (const start of [0, 0.45]) {
      gain.gain.linearRampToValueAtTime(0.12, now + start + 0.02);
      gain.gain.setValueAtTime(0.12, now + start + 0.35);
      gain.gain.linearRampToValueAtTime(0, now + start + 0.4);
    }
    gain.connect(context.destination);
    for (const frequency of [440, 480]) {
      const osc = context.createOscillator();
      osc.type = "sine";
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(now);
      osc.stop(now + 0.9);
    }
  } catch {
    // No sound is better than a broken page.
  }
}
