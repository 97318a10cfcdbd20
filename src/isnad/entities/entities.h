// The entity stage: every person, organization and place a report names.
//
// WHAT IT TAKES
//   A Document whose text stage has run (tokens, sentences, segments).
// WHAT IT GIVES
//   Document::mentions and Document::entities: each mention a span over the
//   text with prefix clitics cut (wa-Haftar -> Haftar), typed PER, ORG or
//   LOC; each entity the mentions of one real-world actor or place, folded
//   by: the lexicon (same entry, any alias), person names (a surname alone,
//   a full name, titles before a name; an untagged surname of a person named
//   in full is found too), organization heads used as definite
//   back-references (al-tanzim after tanzim al-dawla), and exact repeats. A
//   force named after its leader (qawat Haftar, nizam al-Assad) is an ORG of
//   its own, linked to the leader.
// HOW
//   Two readers, both averaged perceptrons (ner_model.h), tag the tokens.
//   The first learned from ANERcorp and NewsFANE (entities/ner.model):
//   its names, curated lexicon entries (gazetteer.h) it missed, and the
//   rules (place nouns, ministries, outlets, offices, forces...) come
//   first. The second also learned from the annotated reports
//   (ner_reports.model), so it knows how this project marks names; its
//   names fill what the first and the rules left unread, or replace
//   shorter unlisted names read inside its own. The rules stay the
//   authority where they speak (a behaviour test for each); the second
//   reader adds recall (cross-validated over train's documents: entities
//   0.747 with the first alone, 0.789 with both, 0.22.0).
//
// THREAD SAFETY
//   Immutable after loading; Recognize() writes only to its Document.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/document/dates.h"
#include "isnad/document/document.h"
#include "isnad/entities/gazetteer.h"
#include "isnad/entities/ner_model.h"
#include "isnad/text/text_core.h"

namespace isnad {

struct EntityRules {
  WordTable force;  // qawat, nizam, ...
  WordTable title;  // al-ra'is, al-liwa', ...
  WordTable trailing_title;  // al-qiyadi, al-mutahaddith: end no name (unlike al-Turki, al-Muhandis)
  WordTable kin;    // ibn, najl, shaqiq: a kinship noun before a name
  WordTable name_link;  // bin, Al, Abu: join a name's parts, end no name
  WordTable place;  // madinat, qaryat, ...
  WordTable head;   // tanzim, haraka, ...
  WordTable institution;  // hukumat, al-sulutat, ajhizat: a state's organ when a country follows
  WordTable ministry;     // wizara: with its field alone (wizarat al-sihha), an organization
  WordTable dual_place;   // mintaqatay, baldatay: a place noun shared by two names
  WordTable outlet;       // qanat, sahifat: media named after the noun
  WordTable press;        // the outlet nouns that name nothing else (sahifa, not qanat "canal")
  WordTable led;          // al-tahaluf: a body named by who leads it ...
  WordTable led_by;       // ... taquduhu X, bi-qiyadat X
  WordTable speech;       // qala, akkada: reporting verbs a name may follow ...
  WordTable office;       // ... with an office in apposition after it (ra'is, al-muhallil)
  WordTable affiliation;  // al-muwaliya, al-tabi'a: the side follows with li-
  // -u of a past verb with a plural subject (taradu) and the endings of its
  // other persons (-at): a word the corpus knows in both is a verb, and ends no name.
  std::string verb_ending;
  std::vector<std::string> verb_other_endings;
  WordTable collective;  // collective actors, as normalized phrases
  size_t longest_collective = 1;
  static Status Load(const std::string& path, EntityRules& out);
  static Status FromResource(const ResourceFile& file, EntityRules& out);
};

// The tagger's view of a run of words; the same code serves training and
// analysis, so that the model sees at run time what it saw in training.
void BuildNerTokens(const std::vector<std::string_view>& words, const TextCore& core, const Gazetteer& gazetteer,
                    std::vector<NerToken>& out);
// The same for tokens [token_begin, token_end) of an analysed text, reusing
// the text stage's segments (identical to segmenting each word again: a test
// checks it).
void BuildNerTokens(const TextAnalysis& analysis, std::string_view text, uint32_t token_begin, uint32_t token_end,
                    const TextCore& core, const Gazetteer& gazetteer, std::vector<NerToken>& out);

class EntityRecognizer {
 public:
  // Loads entities/ner.model, ner_document.model, ner_reports.model,
  // ner_reports_document.model, actors.tsv, gazetteer.tsv, names.tsv and
  // entity_rules.txt from `resource_dir`.
  static Status Load(const std::string& resource_dir, EntityRecognizer& out);

  void Recognize(const TextCore& core, Document& doc) const;

  // Tags consecutive sentences as one document (evaluation on CoNLL files).
  void TagSentences(const TextCore& core, const std::vector<std::vector<std::string_view>>& sentences,
                    std::vector<std::vector<int>>& tags) const;

  // The same recognizer with other tagger models (training, evaluation).
  void ReplaceModels(NerModels models) { models_ = std::move(models); }
  // Cross-validation: the second reader replaced by one that never saw the
  // held-out reports.
  void ReplaceReportModels(NerModels models) { report_models_ = std::move(models); }

  const Gazetteer& gazetteer() const { return gazetteer_; }
  const NerModels& models() const { return models_; }
  std::string Fingerprint() const {
    return models_.fingerprint() + " " + report_models_.fingerprint() + " " + gazetteer_.fingerprint();
  }

 private:
  // The mention's text, with the article's alef restored after lil-.
  std::string MentionForm(const Document& doc, const Mention& m) const;
  // Folds into one entity two of a type (not people, whom their own rules
  // fold) when every name of one is a name of the other or begins or ends
  // one (Daraa and Daraa al-Suriyya, al-muqawama and al-muqawama
  // al-sha'biyya, al-'asima San'a and San'a): within a report they are one
  // actor far more often than two (measured by `isnad cv-entities`).
  void FoldContainedNames(Document& doc) const;
  // An entity's names as FoldContainedNames compares them, per distinct
  // mention: its words, without leading titles and place nouns too, and a
  // bare definite head without its article.
  std::vector<std::vector<std::vector<std::string>>> FoldingNames(const Document& doc, size_t entity) const;

  // An entity's words as mentions fold into it: Matching-normalized,
  // titles stripped, and whether they are an office's title (see
  // Gazetteer, OFFICES).
  struct EntityWords {
    std::vector<std::string> words;
    bool office = false;
  };
  void AddBackReferences(const std::vector<EntityWords>& entity_words, Document& doc) const;
  // Names the report has used, found again where the tagger missed them
  // (a surname alone after the full name), as mentions of their entities.
  void FindNamesAgain(const TextCore& core, std::vector<EntityWords>& entity_words, Document& doc) const;
  // A mention's name for keys and folding (leading titles and place nouns
  // left out); `first_word` gets the first word before any is.
  std::vector<std::string> NameWords(std::string_view form, std::string* first_word = nullptr) const;

  // A name the report gives: a token range of a sentence and what it is.
  struct Candidate;
  // One sentence as the name rules read it: its words, the tagger's
  // tokens, how many, and the text core (word counts).
  struct SentenceNames {
    const std::vector<std::string_view>& words;
    const std::vector<NerToken>& tokens;
    uint32_t n;
    const TextCore& core;
  };
  // Rules that read names the tagger missed, one sentence at a time
  // (Recognize), each adding candidates over words no name covers yet:
  // places after a place noun, people after a reporting verb or between
  // commas after an office, a group named by its adjective, collective
  // actors, a state's organs, quoted organization names, outlets, and
  // coalitions named by who leads them.
  void ReadPlaceNouns(const SentenceNames& sentence, std::vector<Candidate>& cands, std::vector<bool>& covered) const;
  void ReadPeopleByWhereTheyStand(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                  std::vector<bool>& covered) const;
  void ReadGroupsByAdjective(const SentenceNames& sentence, std::vector<Candidate>& cands,
                             std::vector<bool>& covered) const;
  void ReadCollectives(const SentenceNames& sentence, std::vector<Candidate>& cands, std::vector<bool>& covered) const;
  void ReadStateOrgans(const SentenceNames& sentence, std::vector<Candidate>& cands, std::vector<bool>& covered) const;
  void ReadQuotedOrganizations(const SentenceNames& sentence, std::vector<Candidate>& cands,
                               std::vector<bool>& covered) const;
  void ReadOutlets(const SentenceNames& sentence, std::vector<Candidate>& cands, std::vector<bool>& covered) const;
  void ReadCoalitions(const SentenceNames& sentence, std::vector<Candidate>& cands, std::vector<bool>& covered) const;
  // After both readers: a force named after its leader (qawat + a person)
  // and the people kinship nouns part or name; a place noun joined to the
  // known place after it, and a dual place noun's two places.
  void ReadForcesAndKin(const SentenceNames& sentence, std::vector<Candidate>& cands,
                        std::vector<bool>& covered) const;
  void ReadPlacesAroundPlaceNouns(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                  std::vector<bool>& covered) const;
  // The tagger's runs of one type, appended to `cands`.
  void TaggedRuns(const std::vector<std::string_view>& words, const std::vector<NerToken>& tokens,
                  const std::vector<int>& tags, std::vector<Candidate>& cands) const;
  // Cuts from the candidates the words that begin or end no name (a common
  // word unless `trim_common_words` is false, a trailing title, a verb, an
  // accusative, a pronoun suffix) and drops the candidates that name
  // nothing.
  void TrimNonNames(const TextCore& core, const std::vector<std::string_view>& words,
                    const std::vector<NerToken>& tokens, bool trim_common_words, std::vector<Candidate>& cands) const;

  // The second reader's names (its tags for one sentence) added to
  // `cands`: where no word was read yet, or in place of the shorter names
  // the first tagger read inside its own that no lexicon knows; never in
  // place of a rule's reading. Where both read the same unlisted name, its
  // type.
  void AddSecondReading(const std::vector<std::string_view>& words, const std::vector<NerToken>& tokens,
                        const std::vector<int>& tags, const TextCore& core, std::vector<Candidate>& cands,
                        std::vector<bool>& covered) const;

  NerModels models_;
  NerModels report_models_;  // the second reader
  Gazetteer gazetteer_;
  EntityRules rules_;
  std::vector<std::string> preposition_bytes_;  // bi-, li-, ka-
  std::string lil_;                             // li + the article's lam
  std::string elided_alef_;
  std::string article_;
  // Stems of countries' names as their adjectives are built on them
  // (Qatar -> al-qatari, Afghanistan -> al-afghaniyya), from the lexicon.
  WordTable nisba_stems_;
  WordTable group_adjectives_;  // al-huthiyya -> gazetteer entry + 1
  // Month names (resources/document/dates.txt): "Abril (Nisan)" gives the
  // Levantine name of a month, not the carmaker.
  WordTable months_;
  bool IsCountryAdjective(std::string_view normalized) const;
};

}  // namespace isnad
