// The document model that flows through every stage.
//
// One Document per report. The document stage fills the report's identity,
// text, title, date and authors; the text stage adds tokens, sentences,
// segments and stems (TextAnalysis); later stages (entities, claims) add
// their own layers. Every layer is a set of half-open byte spans over
// `text`, so the record writer and the web page can point at exactly what
// was read; the record converts them to code points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/entities/types.h"
#include "isnad/text/text_core.h"

namespace isnad {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
};

enum class Calendar { kGregorian, kHijri };

struct ReportDate {
  int year = 0, month = 0, day = 0;  // Gregorian, converted when needed
  Calendar calendar = Calendar::kGregorian;  // calendar it was written in
  std::string text;                          // the text it was read from
};

// A report as read, before analysis.
struct RawReport {
  std::string id;
  std::string origin;       // file path, or "-"
  uint64_t line = 0;        // 1-based line in a JSONL file; 0 for whole files
  std::string text;         // valid UTF-8, LF line ends
  bool text_has_header = true;  // .txt: headline and date lines are in text
  std::optional<std::string> title;  // JSONL fields
  std::optional<std::string> date;
  std::optional<std::string> source;
  std::optional<std::string> url;
};

// One mention of an entity: a byte span over the text with clitics cut.
struct Mention {
  Span span;
  EntityType type;
  int entity = -1;           // index into Document::entities
  int gazetteer_entry = -1;  // lexicon entry it matched, if any
  uint32_t sentence = 0;
  // li + al- written lil-: the span starts at the article's lam, and the
  // name is read with its alef restored.
  bool restored_article = false;
  bool generic = false;  // a collective actor, not a name
};

// One real-world entity of the report, with every mention folded into it.
struct Entity {
  EntityType type;
  std::string name;  // the fullest name the report gives
  std::string key;   // canonical key: lexicon id, else type:normalized name
  std::string lexicon_name;  // the lexicon's canonical name when the key is a lexicon id
  std::vector<int> mentions;
  int leader = -1;   // for a force named after its leader: the PER entity
  bool generic = false;  // an unnamed collective actor (the rebels, the protesters)
};

// The sixteen PLOVER event types.
enum class PloverType : uint8_t {
  kAgree, kConsult, kSupport, kConcede, kCooperate, kAid, kRetreat, kRequest,
  kAccuse, kReject, kThreaten, kProtest, kSanction, kMobilize, kCoerce, kAssault,
};
const char* PloverTypeName(PloverType type);
bool ParsePloverType(std::string_view name, PloverType& out);

enum class Polarity : uint8_t { kAsserted, kAlleged, kDenied };

// Reported speech: who said what, and through whom (the chain).
struct Quote {
  int speaker = -1;   // entity index, or -1 for an unnamed source
  Span speaker_span;  // how the report names the speaker (empty if not)
  Span cue;           // the reporting word
  Span content;       // what was said
  uint32_t sentence = 0;
  int parent = -1;    // the quote this one is reported inside (a chain)
};

// One claim: an event or tie between two actors.
struct Relation {
  int source = -1;  // entity indices; -1 for a side left unnamed
  int target = -1;
  PloverType type = PloverType::kAssault;
  Polarity polarity = Polarity::kAsserted;
  std::vector<int> claimed_by;  // entities of the attribution chain
  int location = -1;
  std::optional<ReportDate> date;
  Span trigger;
  Span evidence;  // the sentence
};

struct Document {
  std::string id;
  std::string origin;
  uint64_t line = 0;
  std::string text;
  std::string title;
  Span title_span;
  std::optional<ReportDate> date;
  std::vector<std::string> authors;
  // Spans of the date line and byline: metadata, not story text, so the
  // later stages pass over them (an author is not an actor of the story).
  std::vector<Span> header_lines;
  // Whether byte `byte` of the text is on a header line.
  bool InHeader(uint32_t byte) const {
    for (const Span& h : header_lines)
      if (byte >= h.begin && byte < h.end) return true;
    return false;
  }
  std::optional<std::string> source;
  std::optional<std::string> url;
  TextAnalysis analysis;
  std::vector<Mention> mentions;  // in text order, then surnames and back-references found after
  std::vector<Entity> entities;   // in order of first mention
  std::vector<Quote> quotes;
  std::vector<Relation> relations;
};

}  // namespace isnad
