import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface SmallDisk {
  /** The mount point: a real filesystem of its own, a few MiB large. */
  readonly dir: string;
  /** Writes a filler file until the filesystem answers ENOSPC. */
  fill: () => Promise<void>;
  /** Removes the filler: the disk has room again. */
  free: () => Promise<void>;
  unmount: () => Promise<void>;
}

const FILLER = '.filler';

/**
 * A tmpfs with a hard size limit, mounted for one test, so that "the disk is full" is the kernel's
 * ENOSPC and not a simulation. Needs root with permission to mount (CI runs as root).
 */
export async function mountSmallDisk(sizeMiB = 16): Promise<SmallDisk> {
  const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    await rmdir(dir);
    throw new Error(
      `cannot mount a ${sizeMiB} MiB tmpfs for the disk-full test (run the tests as root, or in a ` +
        `container allowed to mount): ${(error as Error).message}`,
    );
  }
  const filler = path.join(dir, FILLER);
  return {
    dir,
    async fill() {
      const handle = await open(filler, 'a');
      const block = Buffer.alloc(64 * 1024);
      try {
        for (;;) await handle.write(block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        await handle.close();
      }
      // The last partial block: fill what is left byte-wise in small pieces.
      const tail = await open(filler, 'a');
      try {
        for (;;) await tail.write(Buffer.alloc(512));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        await tail.close();
      }
    },
    free: () => rm(filler, { force: true }),

    async unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      await rmdir(dir);
    },
  };
}
