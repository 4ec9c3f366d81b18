// What following a speaker of another language live costs: for Spanish posts of about 300
// characters, the time from sending the post to its French machine draft arriving at a second
// member's socket (translation.updated, with the text), beside post.created, its peer, in the same run.
import { pathToFileURL } from "node:url";
import type { Socket } from "socket.io-client";
import { richTextFromPlain } from "../shared/richtext.js";
import { createApertiumProvider } from "../server/translation/index.js";
import { emitAck, workshopWithMembers } from "../tests/helpers/clients.js";
import { startServer } from "../tests/helpers/server.js";

const POSTS = 20;

// Our own sentences, in Spanish, about what a workshop debates.
const sentences = [
  "Los habitantes y los concejales crearon juntos una agrupación de empleadores para el empleo de temporada.",
  "Así los trabajadores encuentran un empleo durante todo el año y no encadenan contratos cortos.",
  "La región financia la formación de los animadores y el municipio presta un local.",
  "Los observadores notaron que la confianza entre los actores se construyó despacio, reunión tras reunión.",
  "Proponemos extender la experiencia a otras comarcas con una carta firmada por todas las estructuras.",
  "El diálogo social territorial reúne a los sindicatos, a los empleadores y a las colectividades locales.",
];

/** About 300 characters, different for each post so nothing is cached. */
function post(i: number): string {
  let text = `Mensaje ${i}.`;
  for (let k = 0; text.length < 250; k++) text += ` ${sentences[(i + k * 5) % sentences.length]}`;
  return text;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function joined(socket: Socket, workshopId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect_error", reject);
    socket.once("connect", () => void emitAck(socket, "workshop.join", { workshopId }).then(() => resolve(), reject));
  });
}

export async function run(): Promise<void> {
  if (!createApertiumProvider()) {
    console.log("apertium is not installed: live translation bench skipped");
    return;
  }
  const server = await startServer({ config: { translationProvider: "apertium" } });
  try {
    const { workshopId, facilitator, host, participant } = await workshopWithMembers(server);
    for (const kind of ["illustrate", "debate"]) await facilitator.patch(`/api/workshops/${workshopId}/sequences/${kind}`, { status: "open" });
    const base = `/api/workshops/${workshopId}`;
    const threadId = (await host.post(`${base}/threads`, { title: "Empleo", body: richTextFromPlain("Comment garder les saisonniers toute l'année ?") })).body.thread.id as string;

    const reader = host.socket(); // a French reader
    await joined(reader, workshopId);
    const sent = new Map<string, number>();
    const createdAt = new Map<string, number>();
    const translatedAt = new Map<string, number>();
    let arrived = () => {};
    reader.on("post.created", (e: { post: { id: string } }) => void createdAt.set(e.post.id, performance.now()));
    reader.on("translation.updated", (e: { targetKind: string; targetId: string; language: string; origin: string }) => {
      if (e.targetKind !== "post" || e.language !== "fr" || e.origin !== "machine") return;
      translatedAt.set(e.targetId, performance.now());
      arrived();
    });

    const chars: number[] = [];
    for (let i = 0; i < POSTS; i++) {
      const text = post(i);
      chars.push(text.length);
      const started = performance.now();
      const res = await participant.post(`${base}/threads/${threadId}/posts`, { body: richTextFromPlain(text) });
      const id = res.body.post.id as string;
      sent.set(id, started);
      if (!translatedAt.has(id)) await new Promise<void>((resolve) => (arrived = () => translatedAt.has(id) && resolve()));
      // One post at a time: each measure starts with an idle queue (the English draft done too).
      await server.app.translation.queue.idle();
    }
    reader.disconnect();

    const ids = [...sent.keys()];
    const created = ids.map((id) => createdAt.get(id)! - sent.get(id)!);
    const translated = ids.map((id) => translatedAt.get(id)! - sent.get(id)!);
    const stats = server.app.translation.queue.stats;
    console.log(`${POSTS} Spanish posts of ${Math.min(...chars)}–${Math.max(...chars)} characters, French reader's socket (es→fr, apertium)`);
    console.log(`  post.created        median ${median(created).toFixed(1)} ms  (max ${Math.max(...created).toFixed(1)})`);
    console.log(`  translation.updated median ${median(translated).toFixed(1)} ms  (max ${Math.max(...translated).toFixed(1)})`);
    console.log(`  added by the translation: median ${median(ids.map((_, i) => translated[i]! - created[i]!)).toFixed(1)} ms`);
    console.log(`  queue: ${stats.batches} provider calls, ${(stats.busyMs / stats.batches).toFixed(0)} ms each on average`);
  } finally {
    await server.close({ wipe: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
