// Real-looking forum texts in fr, en and es, with the language each must be taken to be in
// when its author usually writes in \`author\`: the detector decides only long texts it is sure
// of; short or unclear ones, and those whose only "foreign" words are addresses or code, keep
// the author's language. Run through the translation service (integration) and the detector (unit).

export type LanguageCase = { text: string; author: string; expected: string; why: string };

export const languageCases: LanguageCase[] = [
  // Short texts: under the threshold, whatever they look like, the author's language stays.
  { text: "Sin versión en español", author: "es", expected: "es", why: "short Spanish, read as English by franc" },
  { text: "Merci pour ce retour", author: "fr", expected: "fr", why: "short French" },
  { text: "Thanks, agreed", author: "en", expected: "en", why: "short English" },
  { text: "D'accord avec Hélène", author: "es", expected: "es", why: "short French by a Spanish writer: the author wins" },
  { text: "Totalmente de acuerdo", author: "fr", expected: "fr", why: "short Spanish by a French writer: the author wins" },
  { text: "See you in Poitiers", author: "fr", expected: "fr", why: "short English by a French writer: the author wins" },
  { text: "Oui", author: "en", expected: "en", why: "one word" },
  { text: "Vale, lo miro mañana.", author: "es", expected: "es", why: "short Spanish" },
  { text: "Plan d'action 2008", author: "en", expected: "en", why: "a title" },
  { text: "IAE et ESS", author: "es", expected: "es", why: "acronyms" },
  { text: "¿Quién lleva el acta?", author: "es", expected: "es", why: "short question" },
  { text: "Good point, Amadou.", author: "en", expected: "en", why: "short English with a name" },
  // Long, clear texts: the detector decides, even against the author's usual language.
  {
    text: "Les habitants ont créé un groupement d'employeurs pour que les saisonniers trouvent du travail toute l'année.",
    author: "fr",
    expected: "fr",
    why: "long French",
  },
  {
    text: "Residents set up an employers' alliance so that seasonal workers can find a job all year round.",
    author: "en",
    expected: "en",
    why: "long English",
  },
  {
    text: "Los habitantes crearon una agrupación de empleadores para que los temporeros encuentren trabajo todo el año.",
    author: "es",
    expected: "es",
    why: "long Spanish",
  },
  {
    text: "Le conseil de développement a réuni les élus, les associations et les habitants autour d'un même diagnostic du territoire.",
    author: "es",
    expected: "fr",
    why: "long French by a Spanish writer",
  },
  {
    text: "The cooperative grew from twelve to forty members in two years, and the town council now buys its vegetables for the school canteens.",
    author: "fr",
    expected: "en",
    why: "long English by a French writer",
  },
  {
    text: "Sin versión en español, los participantes de Bolivia y de Perú no pudieron leer la ficha antes de la reunión del jueves.",
    author: "en",
    expected: "es",
    why: "the issue's rationale, long enough to be sure",
  },
  {
    text: "Nous proposons que chaque fiche navette soit relue par deux observateurs avant d'être diffusée aux participants.",
    author: "fr",
    expected: "fr",
    why: "long French proposal",
  },
  {
    text: "Proponemos que cada ficha sea leída por dos observadores antes de enviarla a los participantes del taller.",
    author: "fr",
    expected: "es",
    why: "long Spanish by a French writer",
  },
  {
    text: "We suggest that every sheet is read by two observers before it is sent to the workshop participants.",
    author: "es",
    expected: "en",
    why: "long English by a Spanish writer",
  },
  // URLs, emails and code are no evidence.
  {
    text: "See https://www.economie-solidaire.fr/les-pactes-locaux-de-poitiers for the report.",
    author: "en",
    expected: "en",
    why: "English with a French-looking URL",
  },
  {
    text: "Details on www.pactes-locaux.org/atelier-participation-democratique-et-ancrage",
    author: "en",
    expected: "en",
    why: "a bare French-looking address",
  },
  {
    text: "Écrivez à coordination.pactes-locaux@exemple.fr ou à secretariat-ancrage-territorial@exemple.org",
    author: "es",
    expected: "es",
    why: "only addresses left: too short once stripped",
  },
  {
    text: "Run `npm run import -- --fichier=fiches-navettes-poitiers.csv --langue=fr` then reload",
    author: "en",
    expected: "en",
    why: "inline code with French words",
  },
  {
    text: "Voir le compte rendu : https://drive.example.com/the-full-report-of-the-meeting-in-english-with-annexes",
    author: "fr",
    expected: "fr",
    why: "French with an English-looking URL",
  },
  {
    text: "El informe está en https://www.economie-solidaire.fr/rapport-de-l-etape-regionale-de-poitiers-decembre-2007",
    author: "es",
    expected: "es",
    why: "Spanish with a long French URL",
  },
  // Mixed texts: a quoted name or a few foreign words do not flip a clear text; unclear ones stay with the author.
  {
    text: "The Conseil de développement de Marennes-Oléron brought farmers and oyster growers to the same table for the first time.",
    author: "en",
    expected: "en",
    why: "English naming a French body",
  },
  {
    text: "La « economía solidaria » dont parlent nos amis boliviens ressemble beaucoup à ce que nous faisons à Poitiers.",
    author: "fr",
    expected: "fr",
    why: "French quoting Spanish words",
  },
  {
    text: "Como dice la fiche navette, the main lesson is trust entre actores.",
    author: "es",
    expected: "es",
    why: "three languages in one line: unclear, the author wins",
  },
  {
    text: "Fiche navette: Pactes Locaux, Poitiers, décembre 2007, IAE, ESS, OBC",
    author: "en",
    expected: "en",
    why: "names and acronyms only",
  },
  {
    text: "Merci Hélène! Thanks for the notes, I will send them to Joao y a Lucía mañana.",
    author: "en",
    expected: "en",
    why: "mixed thanks, unclear: the author wins",
  },
  {
    text: "Ok pour moi. Ok for me. Vale para mí.",
    author: "es",
    expected: "es",
    why: "the same words in three languages",
  },
  {
    text: "Le groupe de travail a conclu que la gouvernance partagée demande du temps, de la confiance et des moyens pour les associations.",
    author: "en",
    expected: "fr",
    why: "long French among English readers",
  },
  {
    text: "El grupo de trabajo concluyó que la gobernanza compartida requiere tiempo, confianza y recursos para las asociaciones.",
    author: "en",
    expected: "es",
    why: "long Spanish among English readers",
  },
  {
    text: "The working group concluded that shared governance needs time, trust and resources for the associations involved.",
    author: "fr",
    expected: "en",
    why: "long English among French readers",
  },
];
