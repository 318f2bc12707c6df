/**
 * One embedded PGlite data folder may be opened by one process only; a second
 * opener would corrupt it. The lock file names the holder so the refusal can too.
 *
 * @module
 */

export interface DataDirLock {
  release(): Promise<void>;
}

/** Raised when another live process holds the data folder. */
export class DataDirBusyError extends Error {
  constructor(readonly holder: LockHolder, dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by ${holder.command} (pid ${holder.pid}, ` +
        `since ${holder.since}). Stop it first, or point DATABASE_URL at a PostgreSQL server ` +
        `to share one database between the server and the CLI.`,
    );
    this.name = "DataDirBusyError";
  }
}

interface LockHolder {
  pid: number;
  command: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/** Takes the folder's lock, replacing a stale one left by a dead process. */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = `${dataDir}/pglite.lock`;
  const me: LockHolder = {
    pid: Deno.pid,
    command: [Deno.mainModule.split("/").slice(-2).join("/"), ...Deno.args].join(" "),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await Deno.writeTextFile(path, JSON.stringify(me), { createNew: true });
      return {
        release: async () => {
          await Deno.remove(path).catch(() => {});
        },
      };
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      const holder = await Deno.readTextFile(path).then((t) => JSON.parse(t) as LockHolder).catch(
        () => undefined,
      );
      if (holder && holder.pid !== Deno.pid && isAlive(holder.pid)) {
        throw new DataDirBusyError(holder, dataDir);
      }
      await Deno.remove(path).catch(() => {});
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
