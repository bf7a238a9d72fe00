// One queue for all image work of the process: at most one decode per core, and a cap on the pixels
// being decoded at once. Without it a burst of allowed uploads (30 reports x 5 photos) took every
// libuv thread, so page files and the database waited behind images, and memory grew with the burst.
import { availableParallelism } from 'node:os';
import { MAX_IMAGE_PIXELS_IN_FLIGHT } from '../shared/limits.js';

interface Waiting {
  pixels: number;
  start: () => void;
}

export class ImageQueue {
  private inFlight = 0;
  private pixelsInFlight = 0;
  private readonly waiting: Waiting[] = [];
  private peak = { inFlight: 0, pixels: 0 };

  constructor(
    readonly maxInFlight: number,
    readonly maxPixels: number,
  ) {}

  /**
   * Runs `task` when a slot and the pixels are free, in arrival order. An image alone always gets
   * through (it is within MAX_SCREENSHOT_PIXELS already), even if it would exceed `maxPixels`.
   */
  async run<T>(pixels: number, task: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      this.waiting.push({ pixels, start });
      this.startNext();
    });
    try {
      return await task();
    } finally {
      this.inFlight -= 1;
      this.pixelsInFlight -= pixels;
      this.startNext();
    }
  }

  /** What runs and waits now (for the tests). */
  status(): { inFlight: number; pixels: number; waiting: number } {
    return { inFlight: this.inFlight, pixels: this.pixelsInFlight, waiting: this.waiting.length };
  }

  /** The most decodes and pixels ever in flight together (for the tests and benchmarks). */
  highWater(): { inFlight: number; pixels: number } {
    return { ...this.peak };
  }

  private startNext(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      const fits = this.inFlight === 0 || (this.inFlight < this.maxInFlight && this.pixelsInFlight + next.pixels <= this.maxPixels);
      if (!fits) return;
      this.waiting.shift();
      this.inFlight += 1;
      this.pixelsInFlight += next.pixels;
      this.peak = { inFlight: Math.max(this.peak.inFlight, this.inFlight), pixels: Math.max(this.peak.pixels, this.pixelsInFlight) };
      next.start();
    }
  }
}

/** Per process: the cores are the process's, whichever app or request asks. */
export const IMAGE_DECODES_IN_FLIGHT = Math.max(1, availableParallelism());
export const imageQueue = new ImageQueue(IMAGE_DECODES_IN_FLIGHT, MAX_IMAGE_PIXELS_IN_FLIGHT);
