// The demo: a series and a workshop modelled on the first regional stage of the
// Pactes Locaux process (Poitiers, December 2007), with accounts in every role.
// Created only when the database holds no user at all.
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import type { Logger } from "pino";
import * as Y from "yjs";
import { richTextExtensions } from "../../shared/editor.js";
import type { Role } from "../../shared/permissions.js";
import { synthesisDocName, synthesisFragment } from "../../shared/synthesis.js";
import type { AuthService } from "../auth/index.js";
import { newId, nowIso } from "../ids.js";
import { createRegistry } from "../synthesis/registry.js";
import type { Storage } from "../storage/port.js";
import { seedDemoProcess } from "./process.js";

export const DEMO_PASSWORD = "navette-demo";

export const demoAccounts: { email: string; displayName: string; language: string; role: Role }[] = [
  { email: "camille@demo.navette", displayName: "Camille Rousseau", language: "fr", role: "facilitator" },
  { email: "helene@demo.navette", displayName: "Hélène Marchand", language: "fr", role: "host" },
  { email: "amadou@demo.navette", displayName: "Amadou Diallo", language: "fr", role: "observer" },
  { email: "joao@demo.navette", displayName: "João Pereira", language: "es", role: "participant" },
  { email: "grace@demo.navette", displayName: "Grace O'Neill", language: "en", role: "participant" },
  { email: "lucia@demo.navette", displayName: "Lucía Fernández", language: "es", role: "translator" },
];

const readingGrid = [
  { id: "economy", text: "Quelle économie l'action a-t-elle fait naître, ou pourrait-elle faire naître ?" },
  { id: "power-to-act", text: "En quoi a-t-elle renforcé la capacité d'agir et la responsabilité des personnes concernées ?" },
  { id: "cooperation", text: "Sur quelles coopérations entre acteurs, et sur quels liens entre échelles de décision, s'est-elle appuyée ?" },
  { id: "durability", text: "Qu'est-ce qui a permis à certaines dynamiques de durer ?" },
  { id: "lessons", text: "Quels enseignements pour les démultiplier demain ?" },
];

const text = (value: string) => ({ type: "text", text: value });
const heading = (value: string) => ({ type: "heading", attrs: { level: 2 }, content: [text(value)] });
const paragraph = (value: string) => ({ type: "paragraph", content: [text(value)] });
const bullets = (...items: string[]) => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [paragraph(item)] })),
});

/** A first draft of the synthesis, written for the demo, so the editor opens on real work. */
const synthesisDraft = {
  type: "doc",
  content: [
    heading("Constats"),
    paragraph(
      "Quand le problème à résoudre choisit les partenaires, et non la procédure, les acteurs d'un territoire trouvent des réponses que personne n'aurait trouvées seul.",
    ),
    bullets(
      "Le conseil de développement du pays de Marennes-Oléron a construit son plan pour l'eau au fil de soirées citoyennes ouvertes à tous.",
      "Les groupements d'employeurs montrent que des petites structures peuvent partager des emplois stables plutôt que multiplier les contrats courts.",
    ),
    paragraph(
      "Les espaces de dialogue social territorial manquent pourtant de reconnaissance et de moyens propres ; leur durée dépend souvent de quelques personnes.",
    ),
    heading("Propositions"),
    paragraph("À compléter pendant la troisième séquence : proposer."),
  ],
};

export async function seedDemo(storage: Storage, auth: AuthService, logger: Logger): Promise<void> {
  if (await storage.users.byEmail(demoAccounts[0]!.email)) return;
  const users = [];
  for (const account of demoAccounts) {
    users.push(await auth.register({ email: account.email, password: DEMO_PASSWORD, displayName: account.displayName, language: account.language }));
  }
  const facilitator = users[0]!;
  const now = nowIso();
  const seriesId = newId();
  await storage.workshops.createSeries({
    id: seriesId,
    title: "Démarche Pactes Locaux 2007–2009 : changer d'échelle, du local à l'Europe",
    description:
      "Cinq étapes régionales, une même grille de lecture, puis une synthèse commune portée au forum de 2009. Chaque étape illustre, débat et propose.",
    createdBy: facilitator.id,
    createdAt: now,
  });
  const workshopId = newId();
  await storage.workshops.create(
    {
      id: workshopId,
      seriesId,
      title: "Atelier de Poitiers : participation démocratique et ancrage territorial pour le travail et l'emploi",
      description:
        "Première étape régionale, sur un jour et demi et deux lieux. Des organisations du territoire présentent leurs actions pour l'emploi — groupements d'employeurs, insertion par l'activité économique, conseils de développement, dialogue social territorial — et les invités venus d'ailleurs les observent avec bienveillance et esprit critique.",
      theme: "Travail, emploi et dialogue social territorial",
      languages: ["fr", "en", "es"],
      readingGrid: { version: 1, questions: readingGrid },
      createdBy: facilitator.id,
      createdAt: now,
      updatedAt: now,
    },
    "facilitator",
  );
  for (const [index, user] of users.entries()) {
    if (index === 0) continue;
    await storage.workshops.addMember({ workshopId, userId: user.id, role: demoAccounts[index]!.role, joinedAt: now });
  }

  const doc = new Y.Doc({ gc: false });
  prosemirrorJSONToYXmlFragment(getSchema(richTextExtensions), synthesisDraft, doc.getXmlFragment(synthesisFragment));
  await storage.yjs.appendUpdate(synthesisDocName(workshopId), Y.encodeStateAsUpdate(doc));
  doc.destroy();
  // Registered now rather than on first use, so the start-up pass indexes it for search before anyone opens it.
  await createRegistry(storage).mainOf(workshopId);

  const [, host, observer, joao, grace] = users;
  await seedDemoProcess(storage, workshopId, { facilitator: facilitator.id, host: host!.id, observer: observer!.id, joao: joao!.id, grace: grace!.id });

  logger.info(
    { accounts: demoAccounts.map((a) => `${a.email} (${a.role})`), password: DEMO_PASSWORD },
    `Demo workshop created. Sign in with any demo account and the password "${DEMO_PASSWORD}".`,
  );
}
