// The quote rules (ClaimExtractor::FindQuotes): at each reporting cue of a
// sentence, whether it reports speech here (ReadsAsSpeech), who speaks
// (after the cue, then before it or earlier: FindSpeakerAfterCue,
// FindSpeakerBeforeCue) and what was said (FindQuoteContent); the learned
// quote detector then keeps the quote or not (KeepQuote,
// quote_candidates.cc). With `Reading::propose_quotes`, quotes these rules
// would drop are proposed to the detector instead (QuoteHow::proposal).
#include <cstdint>
#include <string_view>

#include "isnad/claims/claims.h"
#include "isnad/claims/reading.h"
#include "isnad/text/normalize.h"
#include "isnad/text/segment.h"
#include "isnad/text/sentences.h"

namespace isnad {

using namespace claims_internal;

namespace {

constexpr int kSpeakerWindow = 12;  // tokens after a cue where the speaker may stand (with an apposition)
constexpr int kSpeakerNear = 7;     // without a comma, the speaker stands this close to the cue
// Words after the speaker where the opener (inna, a colon, a quotation mark)
// may stand, past an apposition and an addressee (Yusufzai al-khabir
// al-Pakistani fi shu'un Taliban li-wikalat <<al-Sahafa al-Faransiyya>> inna).
constexpr uint32_t kOpenerReach = 12;
constexpr int kSpeakerBefore = 3;  // a speaker before its reporting verb stands next to it

std::string_view TokenText(const ClaimExtractor::Reading& reading, uint32_t k) {
  return reading.text.substr(reading.a.tokens[k].begin, reading.a.tokens[k].end - reading.a.tokens[k].begin);
}

bool IsColon(const ClaimExtractor::Reading& reading, uint32_t k) { return TokenText(reading, k) == ":"; }

// Whether what was said opens within the speaker's window after the cue at
// t (inna, anna; with `or_addressee`, also li- or a colon).
bool OpenerFollows(const ClaimExtractor::Reading& reading, const Sentence& s, uint32_t t, bool or_addressee) {
  for (uint32_t k = t + 1; k < s.token_end && k <= t + kSpeakerWindow; ++k)
    if (reading.CueAt(k) == CueKind::kOpener ||
        (or_addressee && (reading.role_of[k] == kTo || IsColon(reading, k))))
      return true;
  return false;
}

// Whether the sentence opens with a quotation that closes right before
// the reporting verb at t (a comma may follow the closing mark).
bool QuotedBefore(const ClaimExtractor::Reading& reading, const Sentence& s, uint32_t t) {
  std::string_view close = ClosingQuoteMark(TokenText(reading, s.token_begin));
  if (close.empty() || t < s.token_begin + 4) return false;
  uint32_t k = t - 1;
  if (reading.IsComma(k)) --k;
  return TokenText(reading, k) == close;
}

}  // namespace

// An unnamed source noun (masadir, al-mas'ul). With the article it may be
// an office the next words name ("al-mutahaddith bi-ism X, Ali al-Hasi").
bool ClaimExtractor::IsUnnamedSource(const Reading& reading, size_t t) const {
  const Document& doc = reading.doc;
  if (reading.CueAt(t) != CueKind::kUnnamed) return false;
  if (!Definite(reading.form[t], article_)) return true;
  for (size_t k = t + 1; k < reading.n && k <= t + 8 && reading.CueAt(k) != CueKind::kOpener; ++k)
    if (reading.EntityAt(k) >= 0 &&
        (doc.entities[reading.EntityAt(k)].type == EntityType::kPer ||
         (k <= t + 2 && doc.entities[reading.EntityAt(k)].type == EntityType::kOrg)))
      return false;
  return true;
}

// The person the report introduced with the office named at token
// `office` (wazir al-kharijiyya ...): an earlier sentence with the same
// two words beside a person's name, the latest one.
int ClaimExtractor::PersonHoldingOffice(const Reading& reading, uint32_t office,
                                        uint32_t before_sentence) const {
  const Document& doc = reading.doc;
  const auto& form = reading.form;
  const size_t n = reading.n;
  if (office + 1 >= n) return -1;
  const uint32_t limit = reading.a.sentences[before_sentence].token_begin;
  for (uint32_t j = limit; j-- > 1;) {
    if (form[j] != form[office] || j + 1 >= n || form[j + 1] != form[office + 1]) continue;
    for (uint32_t d = 1; d <= 4; ++d) {
      if (j >= d && reading.EntityAt(j - d) >= 0 &&
          doc.entities[reading.EntityAt(j - d)].type == EntityType::kPer)
        return reading.EntityAt(j - d);
      if (j + 1 + d < n && reading.EntityAt(j + 1 + d) >= 0 &&
          doc.entities[reading.EntityAt(j + 1 + d)].type == EntityType::kPer)
        return reading.EntityAt(j + 1 + d);
    }
  }
  return -1;
}

// Content that begins with the verb's own preposition (kashafa an, da'a
// ila) begins after it: the preposition is the verb's, not what was said.
uint32_t ClaimExtractor::SkipVerbPreposition(const Reading& reading, uint32_t k,
                                             uint32_t sentence_end) const {
  if (reading.role_of[k] == kFrom ||
      (verb_prepositions_.Contains(Normalize(TokenText(reading, k), NormalizeOptions::Light())) &&
       k + 1 < sentence_end))
    return k + 1;
  return k;
}

void ClaimExtractor::FindQuotes(Reading& reading) const {
  Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  int last_speaker = -1;
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    if (reading.InHeader(a.tokens[s.token_begin].begin)) continue;
    if (si == 0 && !doc.title.empty()) continue;  // the headline
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      if (a.tokens[t].kind != TokenKind::kWord) continue;
      QuoteDraft d;
      d.t = t;
      d.kind = reading.CueAt(t);
      if (d.kind != CueKind::kSay && d.kind != CueKind::kDeny && d.kind != CueKind::kAllege &&
          d.kind != CueKind::kContinue && d.kind != CueKind::kAccording)
        continue;
      if (!ReadsAsSpeech(reading, s, d)) continue;
      d.q.sentence = si;
      d.q.cue = Span{a.tokens[t].begin, a.tokens[t].end};
      d.after_speaker = t + 1;
      FindSpeakerAfterCue(reading, s, last_speaker, d);
      if (!FindSpeakerBeforeCue(reading, s, last_speaker, d) || !FindQuoteContent(reading, s, d)) continue;
      Quote& q = d.q;
      if (q.content.empty()) continue;
      d.how.content_first = static_cast<uint32_t>(reading.TokenAt(q.content.begin));
      if (!KeepQuote(reading, s, d)) continue;
      // Nesting: a quote whose cue lies inside another quote's content.
      for (int p = static_cast<int>(doc.quotes.size()) - 1; p >= 0; --p)
        if (doc.quotes[p].content.begin <= q.cue.begin && q.cue.end <= doc.quotes[p].content.end) {
          q.parent = p;
          break;
        }
      // Who spoke last, for a continuing verb: an unnamed source too.
      if (q.speaker >= 0 || d.unnamed) last_speaker = q.speaker;
      doc.quotes.push_back(q);
      // Skip to the content: a cue inside it starts a nested quote.
      if (d.content_begin > t) t = d.content_begin - 1;
    }
  }
}

// Whether the cue at d.t reports speech here: not as a noun after a
// preposition, in a relative clause, as a verb that carries or names
// (proposed instead where the detector may decide). May turn the cue into
// an attribution (kama yaqulu X).
bool ClaimExtractor::ReadsAsSpeech(const Reading& reading, const Sentence& s, QuoteDraft& d) const {
  const TextAnalysis& a = reading.a;
  std::string_view text = reading.text;
  const auto& form = reading.form;
  const auto& has_to = reading.has_to;
  const auto& has_by = reading.has_by;
  const auto& role_of = reading.role_of;
  const uint32_t t = d.t;
  CueKind& kind = d.kind;
  QuoteHow& how = d.how;
  // "..., kama yaqulu X" ("as X says"), "..., hasbama qala X": after a
  // comma and with no opener after it, an attribution of the clause
  // before, as bi-hasab is. (Elsewhere kama is "also": kama qala al-wazir
  // inna ..., kama ashara ila ... say anew.)
  d.as_x_says = t >= s.token_begin + 2 && attribution_words_.Contains(form[t - 1]) && reading.IsComma(t - 2);
  if ((kind == CueKind::kSay || kind == CueKind::kContinue) && d.as_x_says &&
      !OpenerFollows(reading, s, t, true))
    kind = CueKind::kAccording;
  // bi-talab "at the request of" is a noun after a preposition, and
  // "the war that it announced" a relative clause: neither reports speech.
  // Nor does a verb take ka- "like": ka-lafatat is kallafat "assigned".
  // A relative clause whose verb has its own subject after it does
  // ("alladhi a'lanat al-istikhbarat wafatahu": the intelligence
  // services announced his death; "allati yaqulu al-Nu'aymi innahu"),
  // unless the verb takes the antecedent as its object ("allati
  // a'lanatha al-Sa'udiyya", "alladhi kashafathu al-istikhbarat") and
  // no opener follows.
  // (A glued cue right before an opener may still be one, wa-mada
  // bi-l-qawl inna, and so may a relative clause's verb: the learned
  // detector decides.)
  if (kind != CueKind::kAccording && (has_to[t] || has_by[t] || reading.has_like[t])) {
    const bool opener_next =
        t + 1 < s.token_end && (reading.CueAt(t + 1) == CueKind::kOpener || IsColon(reading, t + 1));
    if (!reading.propose_quotes || !opener_next) return false;
    how.proposal = "glued";
  }
  if (t > s.token_begin && role_of[t - 1] == kRelative) {
    const bool subject_after = t + 1 < s.token_end && reading.EntityAt(t + 1) >= 0;
    if (!subject_after || (reading.has_object[t] && !OpenerFollows(reading, s, t, false))) {
      if (!reading.propose_quotes) return false;
      how.proposal = "relative";
    }
  }
  // naqala reports words from someone or that something is so (naqala X
  // an Y, naqalat taqarir anna, hasbama naqalat Reuters); else it
  // carries or broadcasts (naqala tahiyyatahu, naqala al-mu'iddat).
  if (relay_verbs_.Contains(form[t])) {
    bool reports = false;
    for (uint32_t k = t > s.token_begin + 2 ? t - 2 : s.token_begin; k < t;
         ++k)  // kama, hasbama, wafqan li-ma
      reports = reports || role_of[k] == kBreak || reading.CueAt(k) == CueKind::kAccording;
    for (uint32_t k = t + 1; k < s.token_end && k <= t + 8 && !reports; ++k)
      reports = role_of[k] == kFrom || reading.CueAt(k) == CueKind::kOpener;
    if (!reports) return false;
  }
  // yud'a/tud'a with alef maqsura is "is named" (rajul yud'a Khalid),
  // not yadda'i "claims", which Matching folds into the same letters
  // (idda'a "he claimed" ends in alef maqsura rightly).
  if (kind == CueKind::kAllege && !(t + 1 < s.token_end && reading.CueAt(t + 1) == CueKind::kOpener)) {
    const auto [begin, end] = a.StemSpan(t);
    if (naming_verbs_.Contains(Normalize(text.substr(begin, end - begin), NormalizeOptions::Light())))
      return false;
  }
  return true;
}

// The speaker named after the cue: a mention right after it (VSO, bi-hasab
// X), past an apposition or an addressee, an office's holder, or an
// unnamed source noun. Sets d.after_speaker past the speaker's phrase.
void ClaimExtractor::FindSpeakerAfterCue(const Reading& reading, const Sentence& s, int last_speaker,
                                         QuoteDraft& d) const {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const auto& has_to = reading.has_to;
  const auto& mention_at = reading.mention_at;
  const auto& role_of = reading.role_of;
  const uint32_t t = d.t;
  const CueKind kind = d.kind;
  Quote& q = d.q;
  QuoteHow& how = d.how;
  bool& unnamed = d.unnamed;
  uint32_t& after_speaker = d.after_speaker;
  // The speaker: a mention right after the cue (VSO, bi-hasab X), or an
  // unnamed source noun, else the nearest mention before it (SVO), else
  // whoever spoke last (a continuing verb or a pronoun subject).
  bool comma_seen = false;
  // A cue inside what someone else said ("these documents reveal the
  // regime's orders") has its subject before it or right after it: a
  // name further on is an object's possessor.
  for (const Quote& outer : doc.quotes)
    d.nested = d.nested || (outer.content.begin <= a.tokens[t].begin && a.tokens[t].end <= outer.content.end);
  for (uint32_t k = t + 1; k < s.token_end && k <= t + kSpeakerWindow; ++k) {
    if (reading.CueAt(k) == CueKind::kOpener) break;
    // Another reporting word has its own speaker after it ("akkadat,
    // qabla i'lan al-sulutat al-Afghaniyya anna ..., anna": the
    // authorities announced, they did not confirm). Not after bi-hasab,
    // whose source the verb introduces (bi-hasab ma adafa X).
    if (kind != CueKind::kAccording &&
        (reading.CueAt(k) == CueKind::kSay || reading.CueAt(k) == CueKind::kContinue ||
         reading.CueAt(k) == CueKind::kDeny || role_of[k] == kReportNoun))
      break;
    if (reading.IsComma(k)) comma_seen = true;
    if (!comma_seen && k > t + kSpeakerNear) break;
    if (d.nested && !comma_seen && k > t + 1) break;
    // qala li-"al-Iqtisadiyya" X: whom it was said to, an outlet in
    // quotation marks after li-, stands before the speaker.
    if (k == after_speaker && role_of[k] == kTo) {
      const auto past = static_cast<uint32_t>(
          AfterQuotedAddressee(k, s.token_end, [&](size_t j) { return reading.IsQuote(j); }));
      if (past != k) {
        after_speaker = past;
        k = past - 1;
        continue;
      }
    }
    // Commas set off an apposition ("a member of the delegation, Fatih
    // Hassoun, said"), and quotation marks may wrap a name (yaqulu
    // "al-Misrati"); other punctuation ends the speaker's phrase.
    bool name_quote = reading.IsQuote(k) && k + 1 < s.token_end && reading.EntityAt(k + 1) >= 0 &&
                      doc.entities[reading.EntityAt(k + 1)].type == EntityType::kPer;
    if (a.tokens[k].kind == TokenKind::kPunct && !reading.IsComma(k) && !name_quote) break;
    if (IsUnnamedSource(reading, k) && (k == t + 1 || reading.EntityAt(k) < 0)) {
      unnamed = true;
      q.speaker_span = Span{a.tokens[k].begin, a.tokens[k].end};
      after_speaker = k + 1;
      how.speaker_from = "unnamed_after";
      break;
    }
    if (reading.EntityAt(k) >= 0) {
      int e = reading.EntityAt(k);
      const Mention& m = doc.mentions[mention_at[k]];
      uint32_t mention_end = k;
      while (mention_end < s.token_end && a.tokens[mention_end].begin < m.span.end) ++mention_end;
      // qala li-wakalat X: whom it was said to, not who said it.
      if (has_to[k] && q.speaker < 0) {
        after_speaker = mention_end;
        k = mention_end - 1;
        continue;
      }
      // A place after fi is where it was said, not who said it; after
      // another preposition it is where or whom (wa-adafa khilal
      // ziyara ila Maliziya).
      // (Not after ilayhi "to it": ma ashara ilayhi Hasan Rouhani.)
      if (role_of[k - 1] == kIn ||
          ((role_of[k - 1] == kAgainst || role_of[k - 1] == kWith) && !reading.has_object[k - 1])) {
        k = mention_end - 1;
        continue;
      }
      // An organization or a country after an office noun names the
      // office: the speaker is the person who holds it, named next or
      // (for "the minister") the last person quoted.
      bool after_office = doc.entities[e].type != EntityType::kPer &&
                          (role_of[k - 1] == kOffice || (k >= 2 && role_of[k - 2] == kOffice));
      if (after_office && SpeakerHoldingOffice(reading, s, k, mention_end, last_speaker, d)) break;
      q.speaker = e;
      q.speaker_span = m.span;
      after_speaker = mention_end;
      how.speaker_from = "after";
      break;
    }
  }
}

// The person who holds the office an organization or a country names
// after an office noun (k: the mention, mention_end past it): named next,
// introduced earlier with the same office, or (for "the minister" of a
// country) the last person quoted. False when nobody is found.
bool ClaimExtractor::SpeakerHoldingOffice(const Reading& reading, const Sentence& s, uint32_t k,
                                          uint32_t mention_end, int last_speaker, QuoteDraft& d) const {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const auto& mention_at = reading.mention_at;
  const auto& role_of = reading.role_of;
  const Mention& m = doc.mentions[mention_at[k]];
  const int e = m.entity;
  Quote& q = d.q;
  QuoteHow& how = d.how;
  uint32_t& after_speaker = d.after_speaker;
  int person = -1;
  uint32_t person_end = mention_end;
  if (const int j = reading.OfficeHolderAfter(s, k); j >= 0) {
    person = reading.EntityAt(j);
    const Mention& pm = doc.mentions[mention_at[j]];
    person_end = j;
    while (person_end < s.token_end && a.tokens[person_end].begin < pm.span.end) ++person_end;
    q.speaker_span = pm.span;
  }
  if (person < 0) {
    // "the Yemeni foreign minister said", after the report has
    // introduced him by name with that office.
    uint32_t office = role_of[k - 1] == kOffice ? k - 1 : k - 2;
    if (office > s.token_begin && role_of[office - 1] == kOffice) --office;
    person = PersonHoldingOffice(reading, office, d.q.sentence);
    if (person >= 0) q.speaker_span = m.span;
  }
  if (person < 0 && doc.entities[e].type == EntityType::kLoc && last_speaker >= 0 &&
      doc.entities[last_speaker].type == EntityType::kPer) {
    person = last_speaker;  // "wazir kharijiyyat al-Yaman", already quoted
    q.speaker_span = m.span;
  }
  if (person >= 0) {
    q.speaker = person;
    after_speaker = person_end;
    how.speaker_from = "office";
    return true;
  }
  return false;
}

// Nobody named after the cue: the speaker of the quote a participle
// continues, the nearest actor before the cue (SVO), whoever spoke last,
// or a time clause's subject. False when the quote is dropped (an
// attribution to nobody, unless proposed).
bool ClaimExtractor::FindSpeakerBeforeCue(const Reading& reading, const Sentence& s, int last_speaker,
                                          QuoteDraft& d) const {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const auto& has_and = reading.has_and;
  const auto& mention_at = reading.mention_at;
  const auto& role_of = reading.role_of;
  const uint32_t t = d.t;
  const uint32_t si = d.q.sentence;
  const CueKind kind = d.kind;
  Quote& q = d.q;
  QuoteHow& how = d.how;
  bool& unnamed = d.unnamed;
  // A participle continuing a quote of this sentence ("..., mushiran
  // ila anna") keeps its speaker, named or not.
  if (q.speaker < 0 && !unnamed && kind == CueKind::kContinue && !doc.quotes.empty() &&
      doc.quotes.back().sentence == si) {
    q.speaker = doc.quotes.back().speaker;
    unnamed = q.speaker < 0;
    how.speaker_from = "continues";
  }
  // A continuing participle or verb has no subject of its own before it:
  // the actor just before "..., lafitan ila anna" is the last clause's.
  if (q.speaker < 0 && !unnamed && kind != CueKind::kAccording) {
    for (int k = static_cast<int>(t) - 1;
         kind != CueKind::kContinue && k >= static_cast<int>(s.token_begin) &&
         k >= static_cast<int>(t) - kSpeakerBefore;
         --k) {
      // "... ma'a quwwat Haftar, wa-yaqulu lahu": a comma before wa-
      // closes the last clause; its last actor is not this verb's subject.
      if (a.tokens[k].kind == TokenKind::kPunct && has_and[t]) break;
      if (IsUnnamedSource(reading, k)) {
        unnamed = true;
        how.speaker_from = "unnamed_before";
        break;
      }
      if (reading.EntityAt(k) >= 0 && doc.entities[reading.EntityAt(k)].type != EntityType::kLoc) {
        q.speaker = reading.EntityAt(k);
        q.speaker_span = doc.mentions[mention_at[k]].span;
        how.speaker_from = "before";
        break;
      }
    }
    if (q.speaker < 0 && !unnamed &&
        (kind == CueKind::kContinue || t == s.token_begin ||
         (t == s.token_begin + 1 && a.tokens[s.token_begin].kind == TokenKind::kPunct))) {
      q.speaker = last_speaker;
      how.speaker_from = "last";
    }
  }
  // A reporting verb in a time clause with no subject after it (ba'da an
  // a'lana, indama qala) says what the main clause's subject said: "wa-kana
  // al-tanzim fadaha ba'd al-ittifaq ba'da an a'lana fi bayan anna ...".
  // The subject is the clause's first actor, in its first words (after
  // a comma the main clause is elsewhere: no speaker).
  if (q.speaker < 0 && !unnamed && kind != CueKind::kAccording && t >= s.token_begin + 2 &&
      (role_of[t - 1] == kTimeClause ||
       (role_of[t - 2] == kTimeClause && reading.CueAt(t - 1) == CueKind::kOpener))) {
    uint32_t clause = s.token_begin;
    for (uint32_t k = s.token_begin; k < t; ++k)
      if (reading.IsComma(k)) clause = k + 1;
    for (uint32_t k = clause; k < t && k < clause + kSubjectReach; ++k) {
      const int e = reading.EntityAt(k);
      if (e < 0) continue;
      if (CanAct(doc.entities[e])) {
        q.speaker = e;
        q.speaker_span = doc.mentions[mention_at[k]].span;
        how.speaker_from = "clause";
      }
      break;
    }
  }
  if (kind == CueKind::kAccording && q.speaker < 0 && !unnamed) {
    if (!reading.propose_quotes) return false;
    how.proposal = "unnamed_source";  // bi-hasab ba'd al-dirasat
  }
  return true;
}

// What was said: after an opener (inna, anna, a colon or a quotation mark)
// near the speaker, to where another reporting verb or clause begins; for
// bi-hasab, the longer side of the sentence around the attribution; a
// quotation before the cue. False when the cue reports nothing.
// What was said: after an opener (inna, anna, a colon or a quotation mark)
// near the speaker, to where another reporting verb or clause begins; for
// bi-hasab, the longer side of the sentence around the attribution; a
// quotation before the cue. False when the cue reports nothing.
bool ClaimExtractor::FindQuoteContent(const Reading& reading, const Sentence& s, QuoteDraft& d) const {
  const TextAnalysis& a = reading.a;
  const uint32_t t = d.t;
  const std::string_view closing_mark = FindContentStart(reading, s, d);
  if (d.kind == CueKind::kAccording) {
    AttributedContent(reading, s, d);
  } else if (d.content_begin > 0 && d.content_begin < s.token_end) {
    ContentToItsEnd(reading, s, closing_mark, d);
  } else if (QuotedBefore(reading, s, t)) {
    // The quotation first, then who said it: "<<...>>, qala X".
    uint32_t last = t - 1;
    while (last > s.token_begin && a.tokens[last].kind == TokenKind::kPunct) --last;
    uint32_t first = s.token_begin;
    while (first < last && a.tokens[first].kind == TokenKind::kPunct) ++first;
    d.q.content = Span{a.tokens[first].begin, a.tokens[last].end};
    d.how.content_from = "quoted_before";
  } else {
    return false;  // a reporting verb with no reported content
  }
  return true;
}

// Where what was said begins (d.content_begin, 0 when nowhere): after an
// opener within reach of the speaker, else after a named or unnamed
// speaker, else (proposed) after the cue. Returns the closing quotation
// mark that ends it when it opens with one.
std::string_view ClaimExtractor::FindContentStart(const Reading& reading, const Sentence& s,
                                                  QuoteDraft& d) const {
  const TextAnalysis& a = reading.a;
  std::string_view text = reading.text;
  const auto& role_of = reading.role_of;
  const auto& trigger_of = reading.trigger_of;
  const uint32_t t = d.t;
  const CueKind kind = d.kind;
  const Quote& q = d.q;
  QuoteHow& how = d.how;
  const bool unnamed = d.unnamed;
  const uint32_t after_speaker = d.after_speaker;
  uint32_t& content_begin = d.content_begin;
  std::string_view closing_mark;  // the content is quoted: it ends where the quotation does
  for (uint32_t k = after_speaker; k < s.token_end && k <= after_speaker + kOpenerReach; ++k) {
    std::string_view tk = text.substr(a.tokens[k].begin, a.tokens[k].end - a.tokens[k].begin);
    // A quotation mark glued to the speaker's name closes the name.
    if (k == after_speaker && !a.tokens[k].after_space && (tk == "\"" || tk == "\xC2\xBB")) continue;
    if (reading.CueAt(k) == CueKind::kOpener || tk == ":" || tk == "\"" || tk == "\xC2\xAB" ||
        tk == "\xE2\x80\x9C") {
      // A short quoted name (<<al-Sharq al-Awsat>>) is not the content.
      std::string_view closer = ClosingQuoteMark(tk);
      if (!closer.empty()) {
        uint32_t j = k + 1;
        while (j < s.token_end && j <= k + 4 &&
               text.substr(a.tokens[j].begin, a.tokens[j].end - a.tokens[j].begin) != closer)
          ++j;
        if (j < s.token_end && j <= k + 4 && j + 2 < s.token_end) {
          k = j;
          continue;
        }
      }
      content_begin = k + 1;
      how.content_from = reading.CueAt(k) == CueKind::kOpener ? "opener" : tk == ":" ? "colon" : "mark";
      break;
    }
    // A verbal noun after khilal, athna', iqba or fi is the occasion of
    // speaking (qala X khilal ziyaratihi ila Maliziya inna ...): the
    // opener still follows. Any other trigger begins what was said.
    // (Not fihi "in it": in "bayanan akkada fihi rafdahu" the rejection is said.)
    const bool occasion = k > after_speaker && (role_of[k - 1] == kOccasion ||
                                                (role_of[k - 1] == kIn && !reading.has_object[k - 1]));
    if ((trigger_of[k] && !occasion) || (k > after_speaker && reading.CueAt(k) == CueKind::kSay)) break;
    // Inside another quote, a participle of continuation (..., lafitan
    // ila anna) is the outer speaker's: its opener is not this cue's.
    if (k > after_speaker && d.nested && reading.CueAt(k) == CueKind::kContinue) break;
  }
  // Content that opens with a quotation mark ends where it closes.
  for (uint32_t k = content_begin > 0 ? content_begin - 1 : s.token_end;
       k < s.token_end && k <= content_begin; ++k) {
    std::string_view closer =
        ClosingQuoteMark(text.substr(a.tokens[k].begin, a.tokens[k].end - a.tokens[k].begin));
    // Straight quotes do not say which way they face, so nested ones
    // (a name quoted inside the quotation) cannot be paired: only
    // directed marks bound the content.
    if (!closer.empty() && closer != "\"") closing_mark = closer;
  }
  // No opener: what follows a named or unnamed speaker is the content
  // (a'lana X insihabahu; kashafat X an...), when there is enough of it.
  if (content_begin == 0 && (q.speaker >= 0 || unnamed) && after_speaker > t + 1 &&
      s.token_end > after_speaker + 3) {
    content_begin = SkipVerbPreposition(reading, after_speaker, s.token_end);
    how.content_from = "after_speaker";
  }
  // Nobody named after the cue and no opener (..., mu'akkidan
  // ahammiyyat ...; wa-ashada bi-...): what follows the cue may be what
  // was said. Only proposed.
  if (content_begin == 0 && reading.propose_quotes && kind != CueKind::kAccording && after_speaker == t + 1 &&
      s.token_end > t + 3 && !QuotedBefore(reading, s, t)) {
    content_begin = SkipVerbPreposition(reading, t + 1, s.token_end);
    how.content_from = "after_cue";
    if (how.proposal.empty()) how.proposal = "after_cue";
  }
  return closing_mark;
}

// bi-hasab X before, after or inside the claim: the claim is the longer
// side of the sentence.
void ClaimExtractor::AttributedContent(const Reading& reading, const Sentence& s, QuoteDraft& d) const {
  const TextAnalysis& a = reading.a;
  std::string_view text = reading.text;
  const auto& role_of = reading.role_of;
  const uint32_t t = d.t;
  const bool as_x_says = d.as_x_says;
  Quote& q = d.q;
  const uint32_t after_speaker = d.after_speaker;
  // bi-hasab X before, after or inside the claim: the claim is the
  // longer side (tasabbabat al-ishtibakat, wifqa Abd al-Rahman,
  // bi-maqtal 10 anasir ...: what the source counts is after it).
  const uint32_t words_before = t - s.token_begin;
  uint32_t words_after = after_speaker < s.token_end ? s.token_end - after_speaker : 0;
  // "... bi-hasab X, alladhi qala ...": what follows describes the
  // source; the claim is before.
  uint32_t next = after_speaker;
  while (next < s.token_end && a.tokens[next].kind == TokenKind::kPunct) ++next;
  if (next < s.token_end && (role_of[next] == kRelative || reading.CueAt(next) != CueKind{})) words_after = 0;
  // Set off by dashes ("... qitalihi li-Da'ish - bi-hasab idda'ihi -"),
  // the attribution qualifies what precedes it.
  if (t > s.token_begin) {
    std::string_view dash = text.substr(a.tokens[t - 1].begin, a.tokens[t - 1].end - a.tokens[t - 1].begin);
    if (dash == "-" || dash == "\xD9\x80" || dash == "\xE2\x80\x93" || dash == "\xE2\x80\x94")
      words_after = 0;
  }
  // "..., kama yaqulu X": the claim ends before the comma.
  const uint32_t claim_end = as_x_says ? t - 2 : t;
  if (claim_end > s.token_begin + 2 && words_before >= words_after) {
    q.content = Span{a.tokens[s.token_begin].begin, a.tokens[claim_end - 1].end};
  } else if (after_speaker < s.token_end) {
    q.content = Span{a.tokens[after_speaker].begin, a.tokens[s.token_end - 1].end};
  }
  d.how.content_from = "according";
}

// The content from d.content_begin to where another reporting verb or a
// new clause begins, or its quotation closes.
void ClaimExtractor::ContentToItsEnd(const Reading& reading, const Sentence& s, std::string_view closing_mark,
                                     QuoteDraft& d) const {
  const TextAnalysis& a = reading.a;
  std::string_view text = reading.text;
  const auto& has_and = reading.has_and;
  const auto& role_of = reading.role_of;
  const uint32_t t = d.t;
  const uint32_t si = d.q.sentence;
  Quote& q = d.q;
  const uint32_t content_begin = d.content_begin;
  // The content ends where another reporting verb or a new clause
  // begins: "... and they said that ...", "... while the UN warned ...".
  uint32_t content_end = s.token_end;
  // Said inside a relative clause, it ends with the clause, at a
  // comma ("alladhi a'lanat al-istikhbarat wafatahu qabla sanatayn,
  // wa-bata ...").
  const bool in_relative = t > s.token_begin && role_of[t - 1] == kRelative;
  for (uint32_t k = content_begin + 2; k < s.token_end; ++k) {
    if (in_relative && reading.IsComma(k)) {
      content_end = k;
      break;
    }
    CueKind ck = reading.CueAt(k);
    bool reporting = ck == CueKind::kSay || ck == CueKind::kDeny || ck == CueKind::kAllege;
    // "... wa-qalu inna ..." or "..., mudifan anna ..." opens a new
    // quote; a bare verb after its subject ("... al-umam al-muttahida
    // akkadat anna ...") is speech nested in this one.
    bool new_clause = (reporting && (has_and[k] || a.tokens[k - 1].kind == TokenKind::kPunct)) ||
                      ck == CueKind::kContinue || role_of[k] == kBreak;
    if (new_clause) {
      content_end = k;
      break;
    }
    if (!closing_mark.empty() && k >= content_begin + 4 && a.tokens[k].kind == TokenKind::kPunct &&
        text.substr(a.tokens[k].begin, a.tokens[k].end - a.tokens[k].begin) == closing_mark) {
      content_end = k;
      break;
    }
  }
  const bool to_sentence_end = content_end == s.token_end;
  while (content_end > content_begin + 1 && reading.IsComma(content_end - 1)) --content_end;
  q.content = Span{a.tokens[content_begin].begin, a.tokens[content_end - 1].end};
  // A long run without a full stop is split at lakin and its kin
  // (text/sentence_cues.txt), but "... kanat tattasim bi-l-ghumud,
  // lakin al-tatawwurat ..." is still the speaker's: the words run on
  // into the sentences such a split begins.
  for (uint32_t next = si + 1; to_sentence_end && next < a.sentences.size() && next <= si + 3; ++next) {
    const Sentence& before = a.sentences[next - 1];
    const Sentence& after_split = a.sentences[next];
    if (a.tokens[before.token_end - 1].kind == TokenKind::kPunct && !reading.IsComma(before.token_end - 1))
      break;  // a full stop or another mark ends the words
    if (role_of[after_split.token_begin] != kContrast) break;
    q.content.end = a.tokens[after_split.token_end - 1].end;
  }
}

}  // namespace isnad
