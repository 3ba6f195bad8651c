/**
 * How people wrap a topic when they ask for it: "is anyone presenting work on X?", "where can
 * I find X", "can you recommend X", "I'd like to see X", "any posters on X", greetings,
 * "please", "thanks". The wrapping is a table of phrases ({@link LEADING_FRAMES},
 * {@link TRAILING_FRAMES}), each with an example the tests check, not something learnt from
 * the catalog: a title word must never be mistaken for filler because it is frequent.
 */

/** One way of wrapping a topic. */
export interface Frame {
  /** Matches the wrapping at the start (leading frames) or the end (trailing frames). */
  pattern: RegExp;
  /**
   * `topic` when the wrapping says that what it wraps is a subject ("posters on X", "about
   * X"), so the rest is never read as a person's name; `nothing` for greetings and politeness.
   */
  says: 'topic' | 'nothing';
  /** A question it unwraps and the topic left, checked by the tests. */
  example: readonly [string, string];
}

const SEP = String.raw`[\s,!.:;-]*`;
const NOUN =
  '(?:posters?|papers?|works?|research|talks?|presentations?|studies|study|stuff|things|ones)';
const ABOUT = String.raw`(?:on|about|regarding|concerning|related\s+to|around|in|for|dealing\s+with|covering|that\s+(?:deals?|deal)\s+with|with\s+a\s+focus\s+on)`;
const FIND = String.raw`(?:find|see|visit|get\s+to|look\s+(?:at|for)|locate|read\s+about|learn\s+(?:more\s+)?about|check\s+out|go\s+to)`;

function lead(source: string): RegExp {
  return new RegExp(`^(?:${source})`, 'i');
}
function trail(source: string): RegExp {
  return new RegExp(`(?:${source})$`, 'i');
}

/** Wrappings at the start of a question, tried in order, repeatedly. */
export const LEADING_FRAMES: readonly Frame[] = [
  {
    pattern: lead(
      String.raw`(?:hi|hey|hello|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day)|morning)(?:\s+(?:there|all|everyone|again|bot|poster\s*bot))?\b${SEP}`,
    ),
    says: 'nothing',
    example: ['good morning! time series', 'time series'],
  },
  {
    pattern: lead(
      String.raw`(?:thanks|thank\s+you|thx|cheers)(?:\s+(?:a\s+lot|so\s+much))?\b${SEP}`,
    ),
    says: 'nothing',
    example: ['thanks! diffusion', 'diffusion'],
  },
  {
    pattern: lead(String.raw`(?:ok|okay|so|also|and|well|btw|quick\s+question|um+|uh+)\b${SEP}`),
    says: 'nothing',
    example: ['ok, so diffusion', 'diffusion'],
  },
  {
    // What "hey there!" leaves once "hey" is gone; "I'm new here, …".
    pattern: lead(
      String.raw`there\s*[,!.:;]+\s*|i\s*(?:'m|’m|\s+am)\s+new(?:\s+here)?\s*[,!.:;]+\s*`,
    ),
    says: 'nothing',
    example: ["there! I'm new here, time series", 'time series'],
  },
  {
    pattern: lead(String.raw`(?:please|pls|plz|kindly)\b${SEP}`),
    says: 'nothing',
    example: ['please graph neural networks', 'graph neural networks'],
  },
  {
    pattern: lead(
      String.raw`(?:can|could|would|will)\s+(?:you|someone|anyone|somebody|anybody|u)\s+(?:please\s+)?`,
    ),
    says: 'nothing',
    example: ['can you please find diffusion', 'diffusion'],
  },
  {
    pattern: lead(
      String.raw`(?:is|are)\s+(?:there\s+)?(?:anyone|anybody|someone|somebody)\s+(?:here\s+)?(?:presenting|showing|exhibiting|doing|working\s+on|talking\s+about)\s+(?:(?:any(?:thing)?|some(?:thing)?)\s+)?(?:${NOUN}\s+)?(?:${ABOUT}\s+)?`,
    ),
    says: 'topic',
    example: ['is anyone presenting work on speeding up transformers', 'speeding up transformers'],
  },
  {
    pattern: lead(
      String.raw`(?:does|do)\s+(?:anyone|anybody|someone|somebody|you)\s+(?:have|know(?:\s+(?:of|about|where|which|what|if|whether))?|present|show)\s+`,
    ),
    says: 'nothing',
    example: ['do you know where Patch-Fool is', 'Patch-Fool'],
  },
  {
    pattern: lead(
      String.raw`(?:(?:have\s+)?you\s+got|got)\s+|help\s+(?:me|us)\s+(?:to\s+)?(?:find|see|locate|look\s+for|with)?\s*`,
    ),
    says: 'nothing',
    example: ['help me find posters on time-series classification', 'time-series classification'],
  },
  {
    pattern: lead(
      String.raw`who(?:'s|’s|\s+is|\s+are)?\s+(?:presenting|showing|exhibiting|talking)\s+(?:${ABOUT}\s+)?`,
    ),
    says: 'topic',
    example: ['who is presenting on time series forecasting', 'time series forecasting'],
  },
  {
    pattern: lead(
      String.raw`(?:where|how)\s+(?:can|could|do|should|would|might)\s+(?:i|we|one)\s+${FIND}\s+`,
    ),
    says: 'nothing',
    example: ['where can I find the posters about pruning', 'pruning'],
  },
  {
    pattern: lead(String.raw`(?:where|when)(?:'s|’s|\s+is|\s+are|\s+was|\s+will\s+be)\s+`),
    says: 'nothing',
    example: ['where is the F8Net poster', 'F8Net'],
  },
  {
    // "(do you know) where Patch-Fool is": "where" before a thing that ends in "is".
    pattern: lead(String.raw`where\s+(?=.+\s(?:is|are|was)$)`),
    says: 'nothing',
    example: ['where Patch-Fool is', 'Patch-Fool'],
  },
  {
    pattern: lead(
      String.raw`who\s+(?:(?:is|are)\s+the\s+authors?\s+of|(?:wrote|authored|made|is\s+behind))\s+`,
    ),
    says: 'nothing',
    example: ['who are the authors of BEiT', 'BEiT'],
  },
  {
    pattern: lead(String.raw`which\s+sessions?\s+(?:is|are|has|have)\s+`),
    says: 'nothing',
    example: ['which session is the Eigencurve paper in', 'Eigencurve'],
  },
  {
    pattern: lead(String.raw`tell\s+me\s+(?:more\s+)?(?:about|where|which|what)?\s*`),
    says: 'nothing',
    example: ['posters on graphs are', 'graphs'],
  },
  {
    pattern: lead(
      String.raw`i\s*(?:'d|’d|\s+would)\s+(?:like|love)\s+to\s+${FIND}\s+|i\s+(?:want|need|wanna|would\s+like)\s+(?:to\s+${FIND}\s+)?`,
    ),
    says: 'nothing',
    example: ["I'd like to see work on graph neural networks", 'graph neural networks'],
  },
  {
    pattern: lead(
      String.raw`i\s*(?:'m|’m|\s+am)\s+(?:interested\s+in|looking\s+for|searching\s+for|curious\s+about|into)\s+|(?:looking|searching)\s+for\s+|in\s+search\s+of\s+`,
    ),
    says: 'nothing',
    example: ["I'm interested in equilibrium models", 'equilibrium models'],
  },
  {
    pattern: lead(
      String.raw`(?:recommend|suggest|show|find|give|get|list|search\s+for|look\s+for|point)(?:\s+(?:me|us))?(?:\s+(?:to|at|towards))?\s+`,
    ),
    says: 'nothing',
    example: ['recommend me posters on fairness', 'fairness'],
  },
  {
    pattern: lead(
      String.raw`what\s+(?:(?:posters?|papers?|talks?)\s+)?(?:should|could|can|must)\s+(?:i|we)\s+(?:see|visit|check\s+out|read|go\s+to)\s+(?:${ABOUT}\s+)?`,
    ),
    says: 'topic',
    example: ['what should I see about language models', 'language models'],
  },
  {
    pattern: lead(
      String.raw`what(?:'s|’s|\s+is|\s+are)?\s+(?:there|new|interesting|happening|available|hot|trending|popular|cool|going\s+on)\s+(?:${ABOUT}\s+)`,
    ),
    says: 'topic',
    example: ["what's there on reinforcement learning", 'reinforcement learning'],
  },
  {
    pattern: lead(
      String.raw`which\s+${NOUN}\s+(?:deal\s+with|cover|discuss|address|study|tackle|use|focus\s+on|look\s+at|(?:are|is)\s+(?:about|on))\s+`,
    ),
    says: 'topic',
    example: ['which posters deal with turbulence', 'turbulence'],
  },
  {
    pattern: lead(String.raw`(?:is|are)\s+there\s+(?:(?:a|an|any|some)\s+)?`),
    says: 'nothing',
    example: ['is there a poster about learning rate schedules', 'learning rate schedules'],
  },
  {
    // "is the PipeGCN paper here?": the verb before a named thing.
    pattern: lead(String.raw`(?:is|are|was)\s+(?=(?:the|a|an)\s|\S+$)`),
    says: 'nothing',
    example: ['is the PipeGCN paper here', 'PipeGCN'],
  },
  {
    pattern: lead(
      String.raw`(?:(?:anything|something)(?:\s+(?:interesting|new|good|cool|relevant|worth\s+seeing))?|(?:(?:the|a|an|any|some|all(?:\s+the)?|good|interesting|relevant|recent|new)\s+)*${NOUN})\s+${ABOUT}\s+`,
    ),
    says: 'topic',
    example: ['any interesting posters on time series', 'time series'],
  },
  {
    pattern: lead(
      String.raw`(?:any\s+)?(?:recommendations?|suggestions?|tips?)\s+(?:for\s+(?:someone|somebody|people|a\s+person|me)\s+)?(?:interested\s+in|into|on|about|for)\s+`,
    ),
    says: 'topic',
    example: ['recommendations for someone interested in robotics', 'robotics'],
  },
  {
    pattern: lead(String.raw`to\s+(?:learn|read|hear|know)\s+(?:more\s+)?about\s+`),
    says: 'topic',
    example: ['to learn about neural architecture search', 'neural architecture search'],
  },
  {
    // "posters continual learning" (what "spotlight continual learning" leaves): a generic
    // noun before a subject. Not before "by", "from", "of", "with": those may name people.
    pattern: lead(
      String.raw`(?:(?:the|all|any|some)\s+)?${NOUN}\s+(?!(?:by|from|of|with|featuring|written|authored|presented)\b)(?=\S)`,
    ),
    says: 'topic',
    example: ['posters continual learning', 'continual learning'],
  },
  {
    pattern: lead(String.raw`(?:about|on|regarding|re)\s+`),
    says: 'topic',
    example: ['about contrastive learning', 'contrastive learning'],
  },
  {
    // What is left of "the X poster": an article before a name or a title.
    pattern: lead(String.raw`(?:the|a|an)\s+(?=\S+)`),
    says: 'nothing',
    example: ['the NODE-GAM poster', 'NODE-GAM'],
  },
];

/** Wrappings at the end of a question, tried in order, repeatedly. */
export const TRAILING_FRAMES: readonly Frame[] = [
  {
    pattern: trail(String.raw`[\s?!.,;:]+`),
    says: 'nothing',
    example: ['diffusion?!', 'diffusion'],
  },
  {
    pattern: trail(
      String.raw`[\s,?!.]+(?:please|pls|plz|thanks|thank\s+you|thx|cheers|if\s+any|if\s+there\s+are\s+any|if\s+possible)(?:\s+(?:a\s+lot|so\s+much|in\s+advance))?`,
    ),
    says: 'nothing',
    example: ['meta-learning? Thanks a lot!', 'meta-learning'],
  },
  {
    pattern: trail(
      String.raw`\s+(?:here|at\s+(?:this|the)\s+(?:conference|event|venue|session)|in\s+(?:this|the)\s+(?:session|conference))`,
    ),
    says: 'nothing',
    example: ['is the T-WaveNet poster in this session', 'T-WaveNet'],
  },
  {
    pattern: trail(
      String.raw`\s+(?:is|are|was)(?:\s+(?:located|presented|shown|being\s+presented|on|in))?|\s+(?:in|at)`,
    ),
    says: 'nothing',
    example: ['tell me where the posters on domain adaptation are', 'domain adaptation'],
  },
  {
    pattern: trail(String.raw`\s+${NOUN}`),
    says: 'nothing',
    example: ["I'm looking for the Know Thyself paper", 'Know Thyself'],
  },
];

/** Quotes around a title: "where can I find 'Learned Simulators for Turbulence'?". */
const QUOTES_RE = /^["“”'‘’«»]+|["“”'‘’«»]+$/g;

/** What a question is about, once unwrapped. */
export interface Unframed {
  /** The topic (or name, or title) the wrapping held; '' when only wrapping was there. */
  text: string;
  /** True when a frame said that what it wraps is a subject, not a person. */
  topic: boolean;
}

/**
 * Strips the wrapping of a question, repeatedly, from both ends: "hi! can you recommend
 * posters about time series please?" → "time series". Trailing nouns ("… poster") are only
 * dropped when something is left, so "posters" alone stays for the caller to judge.
 */
export function unframe(text: string): Unframed {
  let current = text.trim();
  let topic = false;
  for (let previous = ''; previous !== current; ) {
    previous = current;
    for (const frame of LEADING_FRAMES) {
      const next = current.replace(frame.pattern, '').trim();
      if (next !== current && next !== '') {
        current = next;
        if (frame.says === 'topic') topic = true;
      }
    }
    for (const frame of TRAILING_FRAMES) {
      const next = current.replace(frame.pattern, '').trim();
      if (next !== current && next !== '') current = next;
    }
    current = current.replace(QUOTES_RE, '').trim();
  }
  return { text: isHollowTopic(current) ? '' : current, topic };
}

/** Words that ask without saying what: a question made of these alone has no topic. */
const HOLLOW = new Set(
  `a an the any some all every this these those that there here what which who whom whose where
  when how is are was were be been do does did have has had can could would will should may
  might must me us you i we it them show find give get list see tell recommend suggest please
  thanks thank poster posters paper papers work works talk talks presentation presentations
  research stuff things ones one anything something everything on about in at of for to with
  win won winning present presenting presented new interesting good cool else other others
  available listed happening going`.split(/\s+/),
);

/** True when every word of `text` is a question word, article or "posters": no topic in it. */
export function isHollowTopic(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}'’]+/u)
    .filter(Boolean);
  return words.every((w) => HOLLOW.has(w.replace(/['’]s$/, '')));
}
