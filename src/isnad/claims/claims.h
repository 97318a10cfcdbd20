// The claims stage: who said what, and who did what to whom, by whose word.
//
// WHAT IT TAKES
//   A Document whose text and entity stages have run.
// WHAT IT GIVES
//   Document::quotes: reported speech (after a reporting verb, with or
//   without quotation marks, or attributed with bi-hasab / wifqan li-), with
//   the speaker resolved to an entity where the report names one (the
//   mention next to the cue; a pronoun or a continuing participle takes the
//   previous speaker), -1 for unnamed sources, and the quote it is nested in.
//   With the learned claims, the rules also propose the quotes they would
//   drop, and a learned detector keeps or drops every quote (KeepQuote).
//   Document::relations: PLOVER-typed events and ties found from verbal and
//   nominal triggers (resources/claims/triggers.tsv) with their two sides
//   taken from the sentence (subject before or after a verb, object or
//   prepositional phrase, both directions of "bayna X wa Y"); polarity
//   (alleged inside reported speech or after a hedge, denied under negation
//   or a denial), the claimants (the speakers of the quotes around it), the
//   place (a LOC mention after fi/bi), the date (the sentence's first time
//   expression resolved against the report's date: event_dates.h), and the
//   sentence as evidence.
//   An event (attack, protest, arrest) whose sides the sentence leaves
//   unnamed is kept with a null side when the event model (event_model.h)
//   judges that the sentence reports one.
//   The work is done in passes over one report (ReadTokens, FindQuotes,
//   NestRelayedWords, NestPublishedRecordings, FindRelations), sharing a
//   Reading of its tokens.
//   One relation per (source, type, target) in a report. A speaker who
//   alleges that X attacked or coerced someone, or cooperated with or aided
//   an armed group, accuses X: that ACCUSE claim is derived too.
//
// THREAD SAFETY
//   Immutable after loading.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/claims/event_dates.h"
#include "isnad/claims/event_model.h"
#include "isnad/claims/relation_model.h"
#include "isnad/document/document.h"
#include "isnad/text/lexicon.h"
#include "isnad/text/text_core.h"

namespace isnad {

enum class CueKind : uint8_t { kSay = 1, kDeny, kAllege, kContinue, kAccording, kUnnamed, kOpener };

enum class ArgumentFrame : uint8_t { kVerb, kNoun, kMutual, kPassive, kObjectNoun, kAgentNoun };

class ClaimExtractor {
 public:
  // Loads claims/cues.txt, claims/triggers.tsv and (unless told not to,
  // when the event model is what is being trained) claims/events.model.
  // Also claims/relations.model where it exists (and `with_relation_model`):
  // the learned relation detector then decides the relations whose two
  // sides are named, reading the rules' verdicts as features.
  static Status Load(const std::string& resource_dir, ClaimExtractor& out, bool with_event_model = true,
                     bool with_relation_model = true);

  // The event model's view of a sentence.
  void SentenceFeatures(const Document& doc, const Sentence& sentence, std::vector<uint64_t>& out) const {
    EventFeatures(doc, sentence, triggers_, negations_, out);
  }

  void Extract(Document& doc) const;
  // For training and cross-validation: the rules' quotes and relations in
  // `doc`, and the learned detector's candidates (AssembleRelations turns
  // them into relations with a model).
  void ExtractCandidates(Document& doc, ClaimCandidates& out) const;
  bool has_relation_model() const { return !relation_model_.empty(); }

  // Reporting cues learned from annotated reports (claims/learned_cues.tsv,
  // written by `isnad train-claims`): forms the hand-written list lacks
  // (mubayyinan, wasafa, da'iyan), each a plain (kSay) or a continuing
  // (kContinue) cue. A form that is already a cue, a closed word the rules
  // read or a trigger is left as it is. Returns how many were added.
  size_t AddCues(const std::vector<std::pair<std::string, CueKind>>& cues);
  // Whether a (Matching-normalized) form is a cue, a closed word or a trigger already.
  bool IsCueOrClosedWord(const std::string& form) const {
    return cues_.Contains(form) || words_.Contains(form) || triggers_.Contains(form);
  }

  // The learned quote detector (claims/quotes.model, written by `isnad
  // train-claims`), set apart for cross-validation: with one, quotes the
  // rules would not keep are proposed too, and each quote stays where the
  // detector's probability reaches its threshold.
  void SetQuoteModel(TypedLinearModel model) { quote_model_ = std::move(model); }

  std::string Fingerprint() const { return fingerprint_; }

  // One report as the passes read it (claims/reading.h, internal to the
  // stage).
  struct Reading;

 private:
  // The rules' passes over one report, then (with `candidates`) the
  // learned detectors' candidates. With `propose_quotes`, FindQuotes also
  // proposes the quotes only a learned detector may keep; with
  // `record_quotes`, every quote it reads goes into `candidates` (for
  // training: Extract, which only assembles, needs none).
  void RunPasses(Document& doc, ClaimCandidates* candidates, bool propose_quotes, bool record_quotes) const;
  // The passes of Extract, in order, over one report's Reading.
  void ReadTokens(Reading& reading) const;
  void FindQuotes(Reading& reading) const;
  void NestRelayedWords(Reading& reading) const;
  void NestPublishedRecordings(Reading& reading) const;
  void FindRelations(Reading& reading) const;
  // The event model's score of sentence `si` for `type` less its threshold
  // (> 0: the sentence reports such an event), computed once per sentence;
  // +infinity for a type the model does not know (nothing to hold back).
  float EventMargin(const Reading& reading, uint32_t si, PloverType type) const;
  // Polarity and claimants of a relation found at token t of sentence s.
  void FinishClaim(const Reading& reading, Relation& r, const Sentence& s, uint32_t t) const;
  // The learned detector's candidates: ordered pairs of actors in a sentence
  // with their features (relation_candidates.cc).
  void FindCandidates(const Reading& reading, ClaimCandidates& out) const;
  // The speaker ranker's candidates for each quote (speaker_candidates.cc).
  void FindSpeakerCandidates(const Reading& reading, ClaimCandidates& out) const;
  // How FindQuotes read a quote, and the quote as it reads it at one cue
  // (reading.h).
  struct QuoteHow;
  struct QuoteDraft;
  // FindQuotes' steps at one cue (quotes.cc).
  bool ReadsAsSpeech(const Reading& reading, const Sentence& s, QuoteDraft& d) const;
  void FindSpeakerAfterCue(const Reading& reading, const Sentence& s, int last_speaker, QuoteDraft& d) const;
  bool SpeakerHoldingOffice(const Reading& reading, const Sentence& s, uint32_t k, uint32_t mention_end,
                            int last_speaker, QuoteDraft& d) const;
  bool FindSpeakerBeforeCue(const Reading& reading, const Sentence& s, int last_speaker, QuoteDraft& d) const;
  bool FindQuoteContent(const Reading& reading, const Sentence& s, QuoteDraft& d) const;
  std::string_view FindContentStart(const Reading& reading, const Sentence& s, QuoteDraft& d) const;
  void AttributedContent(const Reading& reading, const Sentence& s, QuoteDraft& d) const;
  void ContentToItsEnd(const Reading& reading, const Sentence& s, std::string_view closing_mark,
                       QuoteDraft& d) const;
  bool IsUnnamedSource(const Reading& reading, size_t t) const;
  int PersonHoldingOffice(const Reading& reading, uint32_t office, uint32_t before_sentence) const;
  uint32_t SkipVerbPreposition(const Reading& reading, uint32_t k, uint32_t sentence_end) const;
  // Whether the quote is kept: its features for the quote detector,
  // recorded as a candidate when the reading collects them; kept where
  // there is no detector, else where it says so (quote_candidates.cc).
  bool KeepQuote(const Reading& reading, const Sentence& s, const QuoteDraft& d) const;
  // FindRelations, per trigger: the actors around it, then its sides.
  struct Surroundings;
  struct SubjectMemory {  // the doer of the last sentence that named one
    int entity = -1;
    uint32_t sentence = UINT32_MAX;
  };
  void ReadSurroundings(const Reading& reading, uint32_t si, uint32_t t, ArgumentFrame frame, uint32_t code,
                        Surroundings& out) const;
  void ChooseSides(const Reading& reading, uint32_t si, const Surroundings& around, const SubjectMemory& previous,
                   std::vector<int>& sources, std::vector<int>& targets, bool& one_way) const;

  WordTable cues_;      // form -> CueKind
  WordTable triggers_;     // form -> (type << 4 | frame) + 1
  WordTable noun_frames_;  // a verb's form -> its frame as a verbal noun; a mutual noun's -> 4 (one way with an object)
  WordTable words_;     // small closed words the rules need (bayna, wa, ala...)
  WordTable negations_;
  WordTable plural_pronouns_;  // suffix pronouns that name more than one (-hum, -huma, -hunna)
  WordTable first_person_pronouns_;  // suffix pronouns of the speaker (-na, "our")
  WordTable outlet_nouns_;     // the first word of an outlet's name (wakala, sahifa, qanat), from entity_rules.txt
  WordTable title_words_;      // al-ra'is, al-liwa', al-Yamani: before a name, from entity_rules.txt
  WordTable loyal_to_heads_;   // hukumat, shar'iyyat: loyal to the government of X is loyal to X
  WordTable press_nouns_;      // those that name only the press (sahifa, not qanat "canal"), from entity_rules.txt
  WordTable relay_verbs_;      // naqala "relayed": naqalat X an Y qawlahu
  WordTable naming_verbs_;     // yud'a "is named", Light-normalized (alef maqsura kept)
  WordTable verb_prepositions_;  // ila after da'a, ashara: the verb's, not what was said (Light)
  WordTable destinations_;       // the same words under Matching (ila, also misspelt ilay): where someone goes
  WordTable game_words_;     // a match, a striker, a club: the sentence is about a game ...
  WordTable game_triggers_;  // ... where these (hujum, tarada) are its moves, not events
  WordTable attribution_words_;  // kama, hasbama before a reporting verb: "as X says"
  // A media: key, or a name that begins with one of `nouns`.
  bool NamedAsMedia(const Entity& e, const WordTable& nouns) const;
  // An outlet, as a speaker (qanat, wakala and the press nouns begin one).
  bool IsOutlet(const Entity& e) const { return NamedAsMedia(e, outlet_nouns_); }
  // An outlet as a side of a relation: the press nouns only (qanat and
  // wakala are also a canal and an agency: Qanat al-Suways, Wakalat al-Fada').
  bool IsPress(const Entity& e) const { return NamedAsMedia(e, press_nouns_); }
  // The actor the affiliation adjective at token t names (al-muwaliya
  // li-Salih), or -1.
  int LoyalTo(const Reading& reading, const Sentence& s, uint32_t t) const;
  // Whether `entity` is named in sentence `s` as whom forces are loyal to
  // (al-quwwat al-muwaliya li-Salih): the man stands for his forces.
  bool ForcesOf(const Reading& reading, const Sentence& s, int entity) const;
  // A form after li- that begins with the article's lam, with the alif
  // li- elides restored (li-l-ra'is is written lilra'is); else empty.
  std::string AfterLi(const std::string& form) const;
  // Whether word t of the reading ends in a suffix pronoun of `pronouns`.
  bool HasSuffixIn(const Reading& reading, size_t t, const WordTable& pronouns) const;
  WordTable compounds_;       // "trigger next-word": a fixed compound, no trigger
  WordTable compound_heads_;  // the triggers that head one, for a quick no
  WordTable needs_;           // "trigger word": a word one such trigger needs near it
  WordTable needs_heads_;     // the triggers that need one (atlaqa: fire, rockets)
  std::string plural_verb_ending_;  // -u of a past verb whose subject is plural (qatalu), from entity_rules.txt
  std::string article_;  // the definite article, to find al-masadir among unnamed sources
  // Ta marbuta as written before a pronoun (teh) and as the noun ends
  // (Matching-normalized), from the clitic inventory.
  std::string teh_, teh_marbuta_;
  EventModel events_;
  TypedLinearModel trigger_model_;   // words: is this one a trigger, of what type?
  TypedLinearModel relation_model_;  // pairs: related, and how?
  TypedLinearModel speaker_model_;   // quotes: which candidate speaks?
  TypedLinearModel quote_model_;     // quotes: is this one reported speech, with these words?
  EventDater dater_;
  std::string fingerprint_;
};

}  // namespace isnad
