// The demo workshop's process: its agenda, three fiches navettes, a debate in three
// languages and two proposals, written for the demo from the facts of the Poitiers stage.
import { emptyFicheRows, unsetConsent, type FicheRows } from "../../shared/domain/fiches.js";
import { sequenceKinds } from "../../shared/domain/sequences.js";
import { richTextFromPlain as doc } from "../../shared/richtext.js";
import { newId, nowIso } from "../ids.js";
import type { FicheRecord, Storage } from "../storage/port.js";

interface Cast {
  facilitator: string;
  host: string;
  observer: string;
  joao: string;
  grace: string;
}

const slot = (day: 13 | 14, from: string, to: string, place: string, title: string, sequence: "illustrate" | "debate" | "propose" | null, framingQuestions: string[] = []) => ({
  startsAt: `2007-12-${day}T${from}:00+01:00`,
  endsAt: `2007-12-${day}T${to}:00+01:00`,
  place,
  title,
  presenters: [],
  framingQuestions,
  sequence,
});

const agenda = [
  slot(13, "09:00", "09:30", "Poitiers", "Accueil et présentation de la démarche", null),
  slot(13, "09:30", "12:00", "Poitiers", "Séquence 1 : le travail et l'emploi, vus par ceux qui les organisent", "illustrate", [
    "Quelle économie ces actions font-elles naître ?",
    "Qui décide, et avec qui ?",
  ]),
  slot(13, "14:00", "22:00", "Pays de Marennes-Oléron", "Visite : le conseil de développement et son plan pour l'eau", "illustrate"),
  slot(14, "09:00", "12:00", "Poitiers", "Deux exemples pour débattre et proposer", "debate"),
  slot(14, "12:00", "13:00", "Poitiers", "Débat ouvert : du local à l'Europe", "propose", ["Que porter ensemble au forum de 2009 ?"]),
];

function fiche(workshopId: string, authorId: string, side: "host" | "guest", rows: Partial<FicheRows>, status: FicheRecord["status"]): FicheRecord {
  const now = nowIso();
  return {
    id: newId(),
    workshopId,
    status,
    authorSide: side,
    authorIds: [authorId],
    rows: { ...emptyFicheRows(), ...rows },
    consent: { ...unsetConsent(), setBy: null, setAt: null },
    version: 1,
    createdBy: authorId,
    createdAt: now,
    updatedAt: now,
    updatedBy: authorId,
    submittedAt: status === "draft" ? null : now,
    finalisedAt: status === "finalised" ? now : null,
  };
}

export async function seedDemoProcess(storage: Storage, workshopId: string, cast: Cast): Promise<void> {
  const now = nowIso();
  // The demo opens every sequence so each account can try everything.
  for (const kind of sequenceKinds) await storage.sequences.transition({ workshopId, kind, from: "upcoming", to: "open", by: cast.facilitator, at: now });
  for (const s of agenda) await storage.sequences.saveAgendaSlot({ id: newId(), workshopId, ...s, createdAt: now, updatedAt: now });

  const water = fiche(
    workshopId,
    cast.host,
    "host",
    {
      title: "Un plan pour l'eau construit en soirées citoyennes",
      presenters: ["Membres du conseil de développement du Pays de Marennes-Oléron"],
      actionDate: "13 décembre 2007",
      place: "Marennes",
      descriptive: doc(
        "Un petit groupe d'habitants du conseil de développement s'est saisi lui-même de la question de l'eau, qui façonne l'île, son ostréiculture, son agriculture et son tourisme.\nSept soirées ouvertes à tous ont abouti à une cinquantaine d'actions proposées aux communes, aux professionnels et aux habitants.",
      ),
      gridAnswers: {
        economy: doc("Préserver une économie primaire (conchyliculture, agriculture) face à un tourisme qui multiplie la population par dix chaque été."),
        "power-to-act": doc("Le sujet n'a été commandé par personne : les habitants l'ont choisi, ont mené les échanges et suivent eux-mêmes la suite donnée."),
        cooperation: doc("Agriculteurs, conchyliculteurs et citoyens autour d'une même table ; le lien avec les élus reste à construire."),
      },
      recurringIssues: doc("Des espaces de concertation reconnus en paroles, mais sans moyens propres ni mandat clair."),
      lessons: doc("Laisser le problème choisir les partenaires, plutôt que la procédure."),
      keywords: { geographic: ["Île d'Oléron", "Pays de Marennes-Oléron", "Poitou-Charentes"], actors: ["habitants", "conseil de développement"], methodological: ["réunions citoyennes", "plan d'action"], concepts: ["eau", "démocratie participative"] },
    },
    "submitted",
  );
  water.consent = { toParticipants: "yes", asWorkingDocument: "unset", conditions: "Citer le conseil de développement comme auteur du plan.", setBy: cast.host, setAt: now };

  const alliances = fiche(
    workshopId,
    cast.observer,
    "guest",
    {
      title: "Partager des emplois stables : le centre de ressources des groupements d'employeurs",
      presenters: ["Direction du CRGE Poitou-Charentes"],
      actionDate: "13 décembre 2007",
      place: "Poitiers",
      descriptive: doc(
        "Dans les campagnes, des exploitants offraient des temps partiels que personne ne prenait. En se groupant, plusieurs employeurs offrent ensemble un emploi à temps plein.\nLa région compte plus de trois cents groupements ; un centre de ressources les accompagne depuis 1999.",
      ),
      gridAnswers: {
        economy: doc("Le groupement est l'unique employeur du salarié et répartit son temps entre ses adhérents : de l'emploi durable là où il n'y avait que des contrats courts."),
        durability: doc("Inscrit dans les contrats de plan successifs, le centre a traversé les alternances et essaimé dans d'autres régions et pays."),
      },
      lessons: doc("Fédérer sans normer : chaque territoire adapte le modèle à ses propres besoins."),
      keywords: { geographic: ["Poitou-Charentes", "Belgique", "Allemagne"], actors: ["employeurs", "partenaires sociaux"], methodological: ["centre de ressources"], concepts: ["groupement d'employeurs", "emploi partagé"] },
      references: [{ label: "Groupements d'employeurs (présentation générale)", url: "https://fr.wikipedia.org/wiki/Groupement_d%27employeurs" }],
    },
    "finalised",
  );
  alliances.consent = { toParticipants: "yes", asWorkingDocument: "yes", conditions: "", setBy: cast.facilitator, setAt: now };

  const draft = fiche(
    workshopId,
    cast.host,
    "host",
    { title: "L'insertion par l'activité économique, un métier", presenters: ["Union régionale des structures d'insertion"], place: "Poitiers" },
    "draft",
  );

  for (const f of [water, alliances, draft]) {
    await storage.fiches.create(f, { ficheId: f.id, version: 1, changedBy: f.createdBy, changedAt: now, changes: { title: f.rows.title } });
  }
  await storage.fiches.addEntry({ id: newId(), ficheId: water.id, workshopId, kind: "observerFeedback", authorId: cast.observer, createdAt: now, body: doc("Retour OBC : comment le groupe compte-t-il suivre les cinquante actions une fois le rapport remis ?") });
  await storage.fiches.addEntry({ id: newId(), ficheId: water.id, workshopId, kind: "hostReply", authorId: cast.host, createdAt: now, body: doc("Un comité de suivi réunira les habitants engagés ; nous inviterons les élus à chaque étape.") });

  const threadId = newId();
  const post = (authorId: string, text: string, stance: "agree" | "disagree" | "question" | null) => ({
    id: newId(),
    workshopId,
    threadId,
    parentId: null,
    authorId,
    body: doc(text),
    stance,
    createdAt: nowIso(),
  });
  await storage.debate.createThread(
    { id: threadId, workshopId, title: "Le dialogue territorial a-t-il besoin de moyens propres ?", ficheId: water.id, createdBy: cast.facilitator, createdAt: now },
    post(cast.facilitator, "Le conseil de développement a produit un plan solide sans budget. Faut-il lui donner des moyens, ou est-ce sa liberté qui fait sa force ?", "question"),
  );
  await storage.debate.addPost(post(cast.host, "Sans animatrice salariée, les soirées n'auraient pas eu lieu. La liberté ne suffit pas.", "disagree"));
  await storage.debate.addPost(post(cast.joao, "En nuestros consejos vecinales pasa lo mismo: sin un mínimo de recursos, la participación se agota.", "agree"));
  await storage.debate.addPost(post(cast.grace, "Who decides how such funding is spent, though? If the council depends on the elected officials, does it keep its voice?", "question"));

  const proposal = (authorId: string, title: string, text: string) => ({
    id: newId(),
    workshopId,
    title,
    body: doc(text),
    authorId,
    status: "open" as const,
    statusDecision: null,
    version: 1,
    createdAt: nowIso(),
    updatedAt: nowIso(),
    updatedBy: authorId,
  });
  const recognise = proposal(cast.host, "Reconnaître les conseils de développement comme lieux de dialogue territorial", "Leur donner un mandat écrit et un budget de fonctionnement pluriannuel, pour que les propositions des habitants soient suivies.");
  const share = proposal(cast.grace, "Share the employers' alliance model across Europe", "Publish a common guide in several languages so that other regions can adapt employers' alliances to their own context.");
  for (const p of [recognise, share]) await storage.proposals.create(p);
  for (const supporter of [cast.joao, cast.grace, cast.observer]) await storage.proposals.addSupport(recognise.id, supporter, now);
  await storage.proposals.addSupport(share.id, cast.joao, now);
  await storage.proposals.createAmendment({
    id: newId(),
    proposalId: recognise.id,
    workshopId,
    authorId: cast.joao,
    title: null,
    body: doc("Leur donner un mandat écrit, un budget pluriannuel et un droit de réponse des élus dans un délai fixé."),
    rationale: "Sin respuesta obligatoria, el mandato no cambia nada.",
    status: "pending",
    baseVersion: 1,
    decision: null,
    createdAt: now,
  });
}
