// The entity stage runs per sentence: build the tagger's tokens, tag, turn
// tag runs into mentions, add the curated lexicon's and the rules' mentions
// where the tagger left a gap, then fold all mentions of the report into
// entities. Folding is deliberately conservative: two mentions join only on
// the lexicon, on person-name containment, or on an organization's head
// noun used as a definite back-reference -- a wrong merge costs more than a
// missed one (it corrupts the actor network).
#include "isnad/entities/entities.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "isnad/text/normalize.h"
#include "isnad/text/sentences.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace {

const NormalizeOptions& Match() {
  static const NormalizeOptions m = NormalizeOptions::Matching();
  return m;
}

// A noun this frequent in news is a common word, not a name, when it
// follows a place noun ("madina kabira" is not a place name).
constexpr uint32_t kRareWordCount = 300;
// NerToken::frequency is 1 + log2(count): from this on, seen 8,192 times or more.
constexpr int kCommonWordLog2 = 14;
// A word seen fewer than 512 times (frequency 1 + log2(count) up to 9) may
// be a name where its place says so (see the speech rule).
constexpr int kRareNameLog2 = 9;
// Seen this often, a verb's other person is a word of the language, not
// chance letters (see verb_ending in entity_rules.txt).
constexpr uint32_t kConjugatedCount = 10;
// Words an office's complement may run to before the comma that sets off
// the holder's name (al-mutahaddith bi-ism haras al-munsha'at al-naftiyya,).
constexpr uint32_t kOfficeReach = 6;
const std::string kPluralUn = "\xD9\x88\xD9\x86";  // -un
const std::string kPluralIn = "\xD9\x8A\xD9\x86";  // -in
const std::string kAdjectiveIyya = "\xD9\x8A\xD9\x87";  // -iyya, as Matching writes it
const std::string kAdjectiveI = "\xD9\x8A";              // -i

// A relational adjective's stem (al-qatar of al-qatariyya, al-ijtima' of
// al-ijtima'iyya): the Matching-normalized word without -iyya or -i, or
// empty when it ends in neither.
std::string_view RelationalStem(std::string_view w) {
  for (std::string_view ending : {std::string_view(kAdjectiveIyya), std::string_view(kAdjectiveI)})
    if (w.size() > ending.size() && w.ends_with(ending)) return w.substr(0, w.size() - ending.size());
  return {};
}
const std::string kAlaWithMaqsura = "\xD8\xB9\xD9\x84\xD9\x89";  // ala "on", which Matching folds into Ali
const std::string kWaHuwa = "\xD9\x88\xD9\x87\xD9\x88";  // wa-huwa "who is", before an apposition
const std::string kLi = "\xD9\x84";                        // li- "to", written apart (with a tatweel) before a quoted name
const std::string kTanwinFath = "\xD9\x8B";  // -an, the indefinite accusative's mark
const std::string kTaMarbuta = "\xD8\xA9";  // the -a of feminine nouns
const std::string kAllah = "\xD8\xA7\xD9\x84\xD9\x84\xD9\x87";  // Allah, the last part of compound names

// A sound masculine plural (al-muqatilun, mu'ayyidin, qatariyyin) names
// people of a kind, not one entity.
bool IsSoundPlural(std::string_view norm) {
  auto ends = [&](const std::string& e) {
    return norm.size() >= e.size() + 6 && norm.compare(norm.size() - e.size(), e.size(), e) == 0;
  };
  return ends(kPluralUn) || ends(kPluralIn);
}

// True when the word starts with a preposition clitic that the segmenter cut.
bool StartsWithPreposition(std::string_view word, const NerToken& t, const std::vector<std::string>& preps) {
  if (!t.has_prefix) return false;
  for (const auto& p : preps)
    if (word.substr(0, p.size()) == p) return true;
  return false;
}

uint8_t ShapeOf(std::string_view word, std::string_view core, std::string_view article) {
  size_t pos = 0;
  char32_t c = word.empty() ? 0 : utf8::Next(word, pos);
  int cls;
  if (c >= '0' && c <= '9')
    cls = 2;
  else if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9))
    cls = 2;
  else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    cls = 3;
  else if ((c >= 0x0621 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3) || c == 0x06D5 ||
           (c >= 0x06FA && c <= 0x06FC))
    cls = 0;  // an Arabic letter; the comma, semicolon and question mark of the block are punctuation
  else
    cls = 4;
  bool al = !article.empty() && core.substr(0, article.size()) == article;
  size_t letters = utf8::CountCodePoints(core);
  return static_cast<uint8_t>(cls * 16 + (al ? 8 : 0) + std::min<size_t>(letters / 2, 7));
}

// Not punctuation (ShapeOf's class 4).
bool IsWordToken(const NerToken& t) { return (t.shape >> 4) != 4; }

bool IsArabicWord(std::string_view w) {
  size_t pos = 0;
  char32_t c = w.empty() ? 0 : utf8::Next(w, pos);
  return c >= 0x0621 && c <= 0x06FF && !(c >= 0x0660 && c <= 0x0669);
}


std::string Join(const std::vector<std::string>& words, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < words.size(); ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

std::string_view TrimPunctuation(std::string_view w) {
  auto is_punct = [](char32_t c) {
    return (c < 0x80 && c != '_' &&
            !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) ||
           c == 0x060C || c == 0x061B || c == 0x061F || c == 0x00AB || c == 0x00BB ||
           (c >= 0x2010 && c <= 0x2027);
  };
  std::string_view orig = w;
  while (!w.empty()) {
    size_t pos = 0;
    if (!is_punct(utf8::Next(w, pos))) break;
    w.remove_prefix(pos);
  }
  while (!w.empty()) {
    size_t start = w.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(w[start]) & 0xC0) == 0x80) --start;
    size_t pos = start;
    if (!is_punct(utf8::Next(w, pos))) break;
    w.remove_suffix(w.size() - start);
  }
  return w.empty() ? orig : w;
}

}  // namespace

Status EntityRules::FromResource(const ResourceFile& file, EntityRules& out) {
  out = EntityRules();
  for (std::string_view line : file.lines) {
    auto f = SplitFields(line);
    if (f.empty()) continue;
    if (f[0] == "collective") {
      for (size_t i = 1; i < f.size(); ++i) {
        std::string phrase(f[i]);
        for (char& c : phrase)
          if (c == '_') c = ' ';
        std::string n = Normalize(phrase, Match());
        out.collective.Insert(n, 1);
        out.longest_collective = std::max(out.longest_collective, SplitOnSpaces(n).size());
      }
      continue;
    }
    if (f[0] == "verb_ending") {
      if (f.size() < 3) return Status::Error(file.path + ": verb_ending needs an ending and another person's");
      out.verb_ending = Normalize(f[1], NormalizeOptions::Light());
      for (size_t i = 2; i < f.size(); ++i) out.verb_other_endings.push_back(Normalize(f[i], NormalizeOptions::Light()));
      continue;
    }
    WordTable* t = f[0] == "force"   ? &out.force
                   : f[0] == "title" ? &out.title
                   : f[0] == "trailing_title" ? &out.trailing_title
                   : f[0] == "kin"   ? &out.kin
                   : f[0] == "place" ? &out.place
                   : f[0] == "name_link" ? &out.name_link
                   : f[0] == "head"  ? &out.head
                   : f[0] == "institution" ? &out.institution
                   : f[0] == "ministry"    ? &out.ministry
                   : f[0] == "dual_place"  ? &out.dual_place
                   : f[0] == "led"         ? &out.led
                   : f[0] == "outlet"      ? &out.outlet
                   : f[0] == "press"       ? &out.press
                   : f[0] == "led_by"      ? &out.led_by
                   : f[0] == "speech"      ? &out.speech
                   : f[0] == "office"      ? &out.office
                   : f[0] == "affiliation" ? &out.affiliation
                                     : nullptr;
    if (!t) return Status::Error(file.path + ": unknown entity rule '" + std::string(f[0]) + "'");
    for (size_t i = 1; i < f.size(); ++i) t->Insert(Normalize(f[i], Match()), 1);
  }
  return Status::Ok();
}

Status EntityRules::Load(const std::string& path, EntityRules& out) {
  return LoadResource(path, "entity-rules", 1, out);
}

namespace {

// One tagger token from its word and the word's clitic segments (byte
// offsets from `base`) and light stem: the same whether the segments come
// from the text stage (analysis) or from segmenting the word here (training).
void FillNerToken(std::string_view w, const Segment* pieces, size_t count, uint32_t base, std::string_view stem,
                  const TextCore& core, const Gazetteer& gazetteer, NerToken& t) {
  const std::string& article = core.segmentation_rules().definite_article;
  t.norm = Normalize(w, Match());
  std::string_view stem_piece;
  if (count > 0) {
    std::string_view last_prefix;
    for (size_t k = 0; k < count; ++k) {
      const Segment& p = pieces[k];
      std::string_view piece = w.substr(p.begin - base, p.end - p.begin);
      if (p.kind == SegmentKind::kPrefix) {
        t.has_prefix = true;
        ++t.prefixes;
        last_prefix = piece;
      }
      if (p.kind == SegmentKind::kStem) {
        stem_piece = piece;
        // li + al- written lil-: the core is the word with its article.
        const auto& rules = core.segmentation_rules();
        if (!rules.elided_alef_after.empty() && last_prefix == rules.elided_alef_after &&
            piece.substr(0, rules.elided_alef_after.size()) == rules.elided_alef_after)
          t.core = Normalize(rules.elided_alef + std::string(piece), Match());
        else
          t.core = Normalize(piece, Match());
      }
    }
    t.stem = Normalize(stem, Match());
    // A person's name is not a clitic and a word (Bush is not bi- + wash):
    // the segmenter knows no names and splits one wherever the rest is
    // common enough. A word of the name list stays whole from the first
    // prefix it begins with (wa-Bush: wa- is cut, bi- is the name's), unless
    // the article follows the prefixes (bi-l-haras is bi- + al-haras) or a
    // suffix was cut.
    const bool suffix_cut = pieces[count - 1].kind != SegmentKind::kStem;
    if (t.has_prefix && !suffix_cut && !Definite(t.core, article)) {
      for (size_t k = 0; k < t.prefixes; ++k) {
        std::string whole = Normalize(w.substr(pieces[k].begin - base), Match());
        if (!gazetteer.IsPersonName(whole)) continue;
        t.core = std::move(whole);
        t.stem = t.core;
        stem_piece = w.substr(pieces[k].begin - base);
        t.prefixes = static_cast<uint8_t>(k);
        t.has_prefix = k > 0;
        break;
      }
    }
  } else {
    t.core = t.norm;
    t.stem = t.norm;
  }
  t.core_hash = HashBytes(t.core);
  t.shape = ShapeOf(w, t.core, article);
  t.person_name = gazetteer.IsPersonName(t.core);
  auto [fine, coarse] = gazetteer.WordClass(t.core);
  t.word_class = static_cast<int16_t>(fine);
  t.coarse_class = static_cast<int16_t>(coarse);
  if (count > 0) {
    // Corpus statistics of the clitic-free word: names are rarer than
    // common words and seldom take the article.
    std::string light = Normalize(stem_piece, NormalizeOptions::Light());
    uint32_t n = core.lexicon().Count(light);
    t.frequency = static_cast<uint8_t>(n == 0 ? 0 : 1 + std::min(15, static_cast<int>(std::log2(n))));
    if (light.rfind(article, 0) == 0) {
      t.article = 7;
    } else {
      uint32_t with_al = core.lexicon().Count(article + light);
      t.article = static_cast<uint8_t>(n + with_al == 0 ? 0 : 1 + (5 * with_al) / (n + with_al));
    }
  }
}

void MarkGazetteer(const std::vector<std::string_view>& words, const Gazetteer& gazetteer,
                   std::vector<NerToken>& out);

// The tagger's view of a word (FillNerToken) depends on the word alone: the
// text stage segments each word by itself. News repeats its words, so most
// tokens were seen a few sentences before; a memo of the words last seen
// on this thread saves their four normalizations and four table lookups
// (about 4% of the whole analysis). Bounded: cleared when it holds
// kMaxWords words, or when another gazetteer (another engine, whose text
// core goes with it) uses the thread.
class WordTokenMemo {
 public:
  static WordTokenMemo& ForThread(const Gazetteer& gazetteer) {
    thread_local WordTokenMemo memo;
    if (memo.serial_ != gazetteer.serial() || memo.tokens_.size() >= kMaxWords) {
      memo.tokens_.clear();
      memo.serial_ = gazetteer.serial();
    }
    return memo;
  }
  const NerToken* Find(std::string_view word) const {
    auto it = tokens_.find(word);
    return it == tokens_.end() ? nullptr : &it->second;
  }
  void Add(std::string_view word, const NerToken& token) { tokens_.emplace(word, token); }

 private:
  static constexpr size_t kMaxWords = 1 << 15;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, NerToken, Hash, std::equal_to<>> tokens_;
  uint64_t serial_ = UINT64_MAX;
};

}  // namespace

void BuildNerTokens(const std::vector<std::string_view>& words, const TextCore& core,
                    const Gazetteer& gazetteer, std::vector<NerToken>& out) {
  out.assign(words.size(), NerToken());
  std::vector<Segment> pieces;
  std::string stem;
  for (size_t i = 0; i < words.size(); ++i) {
    // Features read the word without punctuation glued to its edges (some
    // corpora write "ladin;" as one token; isnad's tokenizer never does).
    std::string_view w = TrimPunctuation(words[i]);
    pieces.clear();
    stem.clear();
    if (IsArabicWord(w)) core.segmenter().SegmentWord(w, 0, pieces, &stem);
    FillNerToken(w, pieces.data(), pieces.size(), 0, stem, core, gazetteer, out[i]);
  }
  MarkGazetteer(words, gazetteer, out);
}

void BuildNerTokens(const TextAnalysis& a, std::string_view text, uint32_t token_begin, uint32_t token_end,
                    const TextCore& core, const Gazetteer& gazetteer, std::vector<NerToken>& out) {
  const size_t n = token_end - token_begin;
  out.assign(n, NerToken());
  WordTokenMemo& memo = WordTokenMemo::ForThread(gazetteer);
  std::vector<std::string_view> words(n);
  std::vector<Segment> pieces;
  std::string stem;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t t = token_begin + static_cast<uint32_t>(i);
    const Token& tok = a.tokens[t];
    std::string_view w = text.substr(tok.begin, tok.end - tok.begin);
    words[i] = w;
    if (!IsArabicWord(w)) {
      FillNerToken(w, nullptr, 0, 0, {}, core, gazetteer, out[i]);
    } else if (tok.kind == TokenKind::kWord) {
      if (const NerToken* seen = memo.Find(w)) {
        out[i] = *seen;
        continue;
      }
      // The text stage segmented this word already, with the same segmenter.
      FillNerToken(w, &a.segments[a.first_segment[t]], a.first_segment[t + 1] - a.first_segment[t], tok.begin,
                   a.Stem(t), core, gazetteer, out[i]);
      memo.Add(w, out[i]);  // before MarkGazetteer: that part depends on the neighbours
    } else {
      pieces.clear();
      stem.clear();
      core.segmenter().SegmentWord(w, 0, pieces, &stem);
      FillNerToken(w, pieces.data(), pieces.size(), 0, stem, core, gazetteer, out[i]);
    }
  }
  MarkGazetteer(words, gazetteer, out);
}

namespace {

void MarkGazetteer(const std::vector<std::string_view>& words, const Gazetteer& gazetteer,
                   std::vector<NerToken>& out) {
  std::vector<std::string_view> first(words.size()), forms(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    first[i] = out[i].core;
    forms[i] = out[i].norm;
  }
  std::vector<GazetteerMatch> matches;
  gazetteer.Match(first, forms, matches);
  for (const auto& m : matches) {
    EntityType type = gazetteer.entry(m.entry).type;
    for (uint32_t k = m.first_token; k < m.end_token; ++k)
      out[k].gazetteer = static_cast<int8_t>(k == m.first_token ? BeginTag(type) : InsideTag(type));
  }
}

}  // namespace

Status EntityRecognizer::Load(const std::string& dir, EntityRecognizer& out) {
  Status s = NerModels::Load(dir + "/entities", out.models_);
  if (!s.ok()) return s;
  s = NerModels::Load(dir + "/entities", out.report_models_, "ner_reports");
  if (!s.ok()) return s;
  s = Gazetteer::Load(dir + "/entities", out.gazetteer_);
  if (!s.ok()) return s;
  DateLexicon dates;
  s = DateLexicon::Load(dir + "/document/dates.txt", dates);
  if (!s.ok()) return s;
  out.months_ = std::move(dates.months);
  // The clitic inventory says which prefixes are prepositions and how li +
  // al- is written: read it rather than repeat it.
  SegmentationRules seg;
  s = SegmentationRules::Load(dir + "/text/segmentation.txt", seg);
  if (!s.ok()) return s;
  out.preposition_bytes_ = seg.prepositions;
  out.lil_ = seg.elided_alef_after + seg.elided_alef_after;
  out.elided_alef_ = seg.elided_alef;
  out.article_ = Normalize(seg.definite_article, Match());
  // Every name (canonical and aliases) of the lexicon's entries whose id
  // starts with `kind`, Matching-normalized, one word only.
  auto for_each_word_name = [&](std::string_view kind, auto&& use) {
    for (size_t i = 0; i < out.gazetteer_.size(); ++i) {
      const GazetteerEntry& e = out.gazetteer_.entry(i);
      if (e.id.rfind(kind, 0) != 0) continue;
      std::vector<std::string> names = e.aliases;
      names.push_back(e.canonical);
      for (const std::string& name : names) {
        std::string n = Normalize(name, Match());
        if (n.find(' ') == std::string::npos) use(i, std::move(n));
      }
    }
  };
  // Adjective stems of every country the lexicon knows: the name without
  // its article, and without a final -iya (Turkiya, al-turkiyya: the -i of
  // the adjective takes its place), alif, ta marbuta or -stan.
  for_each_word_name("country:", [&](size_t, std::string n) {
    if (n.compare(0, out.article_.size(), out.article_) == 0) n.erase(0, out.article_.size());
    if (utf8::CountCodePoints(n) < 3) return;
    out.nisba_stems_.Insert(n, 1);
    for (std::string_view ending :
         {"\xD9\x8A\xD8\xA7", "\xD8\xA7", "\xD9\x87", "\xD8\xA9", "\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x86"}) {
      if (n.size() > ending.size() + 4 && n.compare(n.size() - ending.size(), ending.size(), ending) == 0)
        out.nisba_stems_.Insert(n.substr(0, n.size() - ending.size()), 1);
    }
  });
  // Feminine adjectives of groups named by a nisba (al-Huthi -> al-Huthiyya).
  for_each_word_name("group:", [&](size_t i, const std::string& n) {
    if (n.compare(0, out.article_.size(), out.article_) != 0 || n.size() < out.article_.size() + 6) return;
    if (n.compare(n.size() - 2, 2, "\xD9\x8A") != 0) return;                   // -i
    out.group_adjectives_.Insert(n + "\xD9\x87", static_cast<uint32_t>(i) + 1);  // -iyya, ta marbuta folded
  });
  return EntityRules::Load(dir + "/entities/entity_rules.txt", out.rules_);
}

// al-qatariyya, al-afghani: the article, a country's stem, -i or -iyya.
bool EntityRecognizer::IsCountryAdjective(std::string_view w) const {
  if (!Definite(w, article_)) return false;
  const std::string_view stem = RelationalStem(w.substr(article_.size()));
  return !stem.empty() && nisba_stems_.Contains(stem);
}

void EntityRecognizer::TagSentences(const TextCore& core, const std::vector<std::vector<std::string_view>>& sentences,
                                    std::vector<std::vector<int>>& tags) const {
  std::vector<std::vector<NerToken>> tokens(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) BuildNerTokens(sentences[s], core, gazetteer_, tokens[s]);
  models_.Tag(tokens, tags);
}

struct EntityRecognizer::Candidate {
  uint32_t first, end;  // token range in the sentence
  EntityType type;
  int entry = -1;  // gazetteer entry
  bool generic = false;
  bool apart = false;  // cut from the name before it as another person's: never joined back
  bool tagged = false;  // a tagger's run, not a rule's reading
  // A lexicon name that begins with this token's prefix letters (Ban
  // Ki-moon): the mention keeps them if it still begins there.
  uint32_t whole_from = UINT32_MAX;
};

std::string EntityRecognizer::MentionForm(const Document& doc, const Mention& m) const {
  std::string form(std::string_view(doc.text).substr(m.span.begin, m.span.end - m.span.begin));
  if (m.restored_article) form.insert(0, elided_alef_);
  return form;
}

namespace {

// Whether `shorter` begins or ends `longer`, as whole words.
bool BeginsOrEnds(const std::vector<std::string>& shorter, const std::vector<std::string>& longer) {
  if (shorter.empty() || shorter.size() >= longer.size()) return false;
  return std::equal(shorter.begin(), shorter.end(), longer.begin()) ||
         std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
}

// Whether only one comma (the Arabic or the Latin one) and spaces stand
// between spans `a` and `b` (Riyad Yasin, wazir al-kharijiyya al-yamani).
bool OnlyACommaBetween(std::string_view text, Span a, Span b) {
  if (a.end > b.begin) return false;
  const std::string_view between = text.substr(a.end, b.begin - a.end);
  size_t commas = 0;
  for (size_t i = 0; i < between.size();) {
    if (between[i] == ' ') {
      ++i;
    } else if (between[i] == ',') {
      ++i, ++commas;
    } else if (between.compare(i, 2, "\xD8\x8C") == 0) {  // the Arabic comma
      i += 2, ++commas;
    } else {
      return false;
    }
  }
  return commas == 1;
}

}  // namespace

std::vector<std::vector<std::vector<std::string>>> EntityRecognizer::FoldingNames(const Document& doc,
                                                                                 size_t entity) const {
  std::vector<std::vector<std::vector<std::string>>> names;
  auto add = [](std::vector<std::vector<std::string>>& list, std::vector<std::string> name) {
    if (!name.empty() && std::find(list.begin(), list.end(), name) == list.end()) list.push_back(std::move(name));
  };
  for (int mi : doc.entities[entity].mentions) {
    std::vector<std::vector<std::string>> forms;
    std::vector<std::string> words = SplitOnSpaces(Normalize(MentionForm(doc, doc.mentions[mi]), Match()));
    // madinat Dar'a al-Suriyya is Dar'a al-Suriyya too.
    size_t titles = 0;
    while (titles + 1 < words.size() && (rules_.title.Contains(words[titles]) || rules_.place.Contains(words[titles])))
      ++titles;
    add(forms, std::vector<std::string>(words.begin() + static_cast<long>(titles), words.end()));
    // A definite head alone (al-tanzim, al-haraka) begins the name it
    // stands for without its article (tanzim al-dawla, harakat Hamas).
    if (words.size() == 1 && Definite(words[0], article_) && words[0].size() > article_.size() + 2)
      add(forms, {words[0].substr(article_.size())});
    add(forms, std::move(words));
    if (std::find(names.begin(), names.end(), forms) == names.end()) names.push_back(std::move(forms));
  }
  return names;
}

namespace {

// Of the entities `candidates`, the one named last before entity `e` is
// first named (al-jaysh after al-jaysh al-Urduni is the Jordanian army),
// else the first named after it.
size_t NearestNamed(const Document& doc, size_t e, const std::vector<size_t>& candidates) {
  auto first = [&](size_t k) { return doc.mentions[doc.entities[k].mentions.front()].span.begin; };
  const uint32_t at = first(e);
  size_t best = candidates.front();
  for (size_t k : candidates) {
    const bool k_before = first(k) < at, best_before = first(best) < at;
    if (k_before != best_before ? k_before : (k_before ? first(k) > first(best) : first(k) < first(best))) best = k;
  }
  return best;
}

// Moves every entity into root[entity] (root[root[e]] == root[e]); the
// survivors keep their order.
void MergeEntities(Document& doc, const std::vector<size_t>& root) {
  const size_t n = doc.entities.size();
  std::vector<int> index(n, -1);
  std::vector<Entity> kept;
  for (size_t e = 0; e < n; ++e)
    if (root[e] == e) {
      index[e] = static_cast<int>(kept.size());
      kept.push_back(std::move(doc.entities[e]));
    }
  for (size_t e = 0; e < n; ++e) {
    if (root[e] == e) continue;
    Entity& into = kept[index[root[e]]];
    Entity& from = doc.entities[e];
    // A lexicon's key outlives a key made of the words.
    if (into.lexicon_name.empty() && !from.lexicon_name.empty()) {
      into.key = from.key;
      into.lexicon_name = from.lexicon_name;
    }
    into.generic = into.generic && from.generic;
    into.mentions.insert(into.mentions.end(), from.mentions.begin(), from.mentions.end());
  }
  for (Entity& ent : kept) {
    std::sort(ent.mentions.begin(), ent.mentions.end());
    if (ent.leader >= 0) ent.leader = index[root[static_cast<size_t>(ent.leader)]];
  }
  for (Mention& m : doc.mentions)
    if (m.entity >= 0) m.entity = index[root[static_cast<size_t>(m.entity)]];
  doc.entities = std::move(kept);
}

}  // namespace

void EntityRecognizer::FoldContainedNames(Document& doc) const {
  const size_t n = doc.entities.size();
  // People fold by their own rules (Salman is not Muhammad bin Salman):
  // only organizations and places are compared.
  std::vector<std::vector<std::vector<std::vector<std::string>>>> names(n);
  for (size_t e = 0; e < n; ++e)
    if (doc.entities[e].type != EntityType::kPer) names[e] = FoldingNames(doc, e);
  // Union-find; the entity named first survives.
  std::vector<size_t> root(n);
  for (size_t e = 0; e < n; ++e) root[e] = e;
  auto find = [&](size_t e) {
    while (root[e] != e) e = root[e] = root[root[e]];
    return e;
  };
  // Every mention of `a` says a name of `b`, one at least a part of one
  // (al-jaysh al-Suri, also called al-jaysh, is not inside al-jaysh
  // al-Urduni).
  auto inside = [&](size_t a, size_t b) {
    bool part = false;
    for (const auto& mention : names[a]) {
      bool said = false;
      for (const auto& x : mention)
        for (const auto& other : names[b])
          for (const auto& y : other) {
            const bool begins_or_ends = BeginsOrEnds(x, y);
            part = part || begins_or_ends;
            said = said || begins_or_ends || x == y;
          }
      if (!said) return false;
    }
    return part;
  };
  // A name inside the names of two actors (al-jaysh in al-jaysh al-Suri and
  // al-jaysh al-Urduni) folds into one of them, never joining the two.
  std::vector<size_t> into;
  for (size_t a = 0; a < n; ++a) {
    into.clear();
    if (doc.entities[a].type == EntityType::kPer) continue;
    for (size_t b = 0; b < n; ++b)
      if (a != b && doc.entities[a].type == doc.entities[b].type && find(b) != find(a) && inside(a, b) &&
          std::find(into.begin(), into.end(), find(b)) == into.end())
        into.push_back(find(b));
    if (into.empty()) continue;
    const size_t ra = find(a), rb = NearestNamed(doc, a, into);
    root[std::max(ra, rb)] = std::min(ra, rb);
  }
  for (size_t e = 0; e < n; ++e) root[e] = find(e);
  MergeEntities(doc, root);
}

void EntityRecognizer::TaggedRuns(const std::vector<std::string_view>& words, const std::vector<NerToken>& tokens,
                                  const std::vector<int>& tags, std::vector<Candidate>& cands) const {
  // A name neither starts nor ends with punctuation. A person's name does
  // not run on across a word that carries a preposition (bi-, li-, ka-):
  // "Solvang li-Reuters" is two names. An organization's or a place's may
  // (al-wakala al-duwaliyya li-l-taqa al-dharriyya, al-quwwat al-muwaliya
  // li-l-hukuma): splitting those too costs 0.004 cross-validated (0.22.0).
  const uint32_t n = static_cast<uint32_t>(words.size());
  auto is_word = [&](uint32_t k) { return IsWordToken(tokens[k]); };
  auto add_run = [&](uint32_t i, uint32_t j, EntityType type) {
    while (i < j && !is_word(i)) ++i;
    while (j > i && !is_word(j - 1)) --j;
    if (i < j && type != EntityType::kMisc) {
      Candidate c{i, j, type};
      c.tagged = true;
      cands.push_back(c);
    }
  };
  for (uint32_t i = 0; i < n;) {
    if (!IsBegin(tags[i]) && !IsInside(tags[i])) {
      ++i;
      continue;
    }
    EntityType type = TagType(tags[i]);
    uint32_t j = i + 1, start = i;
    while (j < n && tags[j] == InsideTag(type)) {
      // A bracket or comma inside a run ends the name (wadi Khabash (al-Kharid).
      if (!is_word(j) && words[j] != "-" && words[j] != ".") {
        add_run(start, j, type);
        start = j + 1;
      } else if (type == EntityType::kPer &&
                 (StartsWithPreposition(words[j], tokens[j], preposition_bytes_) ||
                  // al-Kuwari wa-l-Ka'bi: two people; a person's name has no wa.
                  (tokens[j].has_prefix && words[j].compare(0, 2, "\xD9\x88") == 0))) {
        add_run(start, j, type);
        start = j;
      }
      ++j;
    }
    add_run(start, j, type);
    i = j;
  }
}

void EntityRecognizer::TrimNonNames(const TextCore& core, const std::vector<std::string_view>& words,
                                    const std::vector<NerToken>& tokens, bool trim_common_words,
                                    std::vector<Candidate>& cands) const {
  // A word with a plural verb's ending whose other persons the corpus
  // knows too (taradu beside tarad, taradat) is a verb. Names that end
  // alike (Miyazawa, Courtois, Ottawa) have no such forms.
  auto conjugated = [&](uint32_t k) {
    const std::string& ending = rules_.verb_ending;
    if (ending.empty() || tokens[k].gazetteer >= 0 || tokens[k].person_name) return false;
    const std::string w = Normalize(words[k], NormalizeOptions::Light());
    if (w.size() < ending.size() + 6 || w.compare(w.size() - ending.size(), ending.size(), ending) != 0)
      return false;
    const std::string stem = w.substr(0, w.size() - ending.size());
    if (core.lexicon().Count(stem) < kConjugatedCount) return false;
    for (const std::string& other : rules_.verb_other_endings)
      if (core.lexicon().Count(stem + other) >= kConjugatedCount) return true;
    return false;
  };
  // A name does not begin or end with a word this common in news unless a
  // lexicon says so ("Human Rights Watch al-yawm": al-yawm is "today").
  for (auto& c : cands) {
    auto common = [&](uint32_t k) {
      return tokens[k].gazetteer < 0 && !tokens[k].person_name && tokens[k].frequency >= kCommonWordLog2;
    };
    if (trim_common_words) {
      while (c.end - c.first > 1 && common(c.end - 1)) --c.end;
      while (c.end - c.first > 1 && common(c.first)) ++c.first;
    }
    // Nor ends with a title, which comes before a name (qanat al-Jazira
    // al-qiyadi fi al-Nusra Abu Muhammad al-Julani).
    while (c.end - c.first > 1 && tokens[c.end - 1].gazetteer < 0 &&
           rules_.trailing_title.Contains(tokens[c.end - 1].core))
      --c.end;
    // Nor with the verb after it ("Abd Rabbuh Mansur Hadi taradu").
    while (c.end - c.first > 1 && conjugated(c.end - 1)) --c.end;
  }
  // A word written with the accusative's tanwin (amiran, mubtadi'an,
  // mazihan) is a complement or an adverb, not part of a name: it ends
  // none ("Faysal bin Bandar ... amiran"), and alone it names nothing a
  // lexicon does not know (Suriyyan "in Syria's way", kub-an "a cup").
  auto accusative = [&](uint32_t k) {
    return tokens[k].gazetteer < 0 && words[k].find(kTanwinFath) != std::string_view::npos;
  };
  for (auto& c : cands) {
    while (c.end - c.first > 1 && accusative(c.end - 1)) --c.end;
    while (c.end - c.first > 1 && accusative(c.first)) ++c.first;
  }
  cands.erase(std::remove_if(cands.begin(), cands.end(),
                             [&](const Candidate& c) { return c.end - c.first == 1 && accusative(c.first); }),
              cands.end());
  // A pronoun glued to the end (sayyaratuhu, adaraha) marks a common word:
  // names do not take possessive or object suffixes.
  auto suffixed = [&](uint32_t k) {
    const std::string& w = tokens[k].norm;
    const std::string& c = tokens[k].core;
    return tokens[k].gazetteer < 0 && !tokens[k].person_name && (tokens[k].shape >> 4) == 0 && !c.empty() &&
           w.size() > c.size() && w.compare(w.size() - c.size(), c.size(), c) != 0 && w.find(c) != std::string::npos;
  };
  for (auto& c : cands) {
    while (c.end - c.first > 1 && suffixed(c.first)) ++c.first;
    while (c.end - c.first > 1 && suffixed(c.end - 1)) --c.end;
  }
  cands.erase(std::remove_if(cands.begin(), cands.end(),
                             [&](const Candidate& c) { return c.end - c.first == 1 && suffixed(c.first); }),
              cands.end());
  // "ala madina": the preposition ala is not the name Ali.
  for (auto& c : cands)
    while (c.end - c.first > 1 && words[c.first] == kAlaWithMaqsura) ++c.first;
  // A lone plural of people (al-mu'ayyidin, diblumasiyyun) or place noun
  // (madina) is not a name unless a lexicon says so.
  cands.erase(std::remove_if(cands.begin(), cands.end(),
                             [&](const Candidate& c) {
                               if (c.end - c.first != 1 || tokens[c.first].gazetteer >= 0) return false;
                               return IsSoundPlural(tokens[c.first].core) ||
                                      rules_.place.Contains(tokens[c.first].core) || words[c.first] == kAlaWithMaqsura;
                             }),
              cands.end());
  // A lone word this common in news is not a name unless a lexicon says
  // so (amsi "yesterday" tagged as a person).
  cands.erase(std::remove_if(cands.begin(), cands.end(),
                             [&](const Candidate& c) {
                               if (c.end - c.first != 1 || tokens[c.first].gazetteer >= 0 ||
                                   tokens[c.first].person_name)
                                 return false;
                               return tokens[c.first].frequency >= kCommonWordLog2;
                             }),
              cands.end());
}
void EntityRecognizer::AddSecondReading(const std::vector<std::string_view>& words,
                                        const std::vector<NerToken>& tokens, const std::vector<int>& tags,
                                        const TextCore& core, std::vector<Candidate>& cands,
                                        std::vector<bool>& covered) const {
  std::vector<Candidate> second;
  TaggedRuns(words, tokens, tags, second);
  // It learned where this project's names begin and end: the first
  // reader's trim of common words (al-yawm "today" after a name) cut its
  // names short (cross-validated 0.787 with it, 0.789 without, 0.22.0).
  TrimNonNames(core, words, tokens, /*trim_common_words=*/false, second);
  for (const Candidate& c : second) {
    if (rules_.affiliation.Contains(tokens[c.end - 1].core)) continue;  // the side follows: no name yet
    const auto overlaps = [&](const Candidate& o) { return o.end > c.first && o.first < c.end; };
    // Where both readers read the same unlisted name, the second says what
    // it is (0.785 -> 0.787): it learned the project's types (an office is
    // a person, a force an organization).
    for (Candidate& o : cands)
      if (o.tagged && o.entry < 0 && o.first == c.first && o.end == c.end) o.type = c.type;
    const bool replaces = std::all_of(cands.begin(), cands.end(), [&](const Candidate& o) {
      return !overlaps(o) || (o.tagged && o.entry < 0 && o.first >= c.first && o.end <= c.end &&
                              o.end - o.first < c.end - c.first);
    });
    if (!replaces) continue;
    cands.erase(std::remove_if(cands.begin(), cands.end(), overlaps), cands.end());
    cands.push_back(c);
    std::fill(covered.begin() + c.first, covered.begin() + c.end, true);
  }
}

// Place nouns before an untagged rare word: madinat X, qaryat X.
void EntityRecognizer::ReadPlaceNouns(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                      std::vector<bool>& covered) const {
  const std::vector<std::string_view>& words = sentence.words;
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  const TextCore& core = sentence.core;
  for (uint32_t i = 0; i + 1 < n; ++i) {
    if (!rules_.place.Contains(tokens[i].core) || covered[i + 1]) continue;
    if ((tokens[i + 1].shape >> 4) != 0) continue;  // not an Arabic word
    if (rules_.place.Contains(tokens[i + 1].core) || rules_.title.Contains(tokens[i + 1].core)) continue;
    uint32_t count = core.lexicon().Count(Normalize(words[i + 1], NormalizeOptions::Light()));
    if (count >= kRareWordCount || tokens[i + 1].has_prefix) continue;
    // Definite sound plurals (al-muqatilun) are people, not places.
    const std::string& next = tokens[i + 1].norm;
    if ((tokens[i + 1].shape & 8) && next.size() > 4 && next.compare(next.size() - 4, 4, kPluralUn) == 0)
      continue;
    uint32_t end = i + 2;
    if (end < n && !covered[end] && (tokens[end].shape >> 4) == 0 && !tokens[end].has_prefix &&
        core.lexicon().Count(Normalize(words[end], NormalizeOptions::Light())) < kRareWordCount / 10)
      ++end;
    // The place noun is part of the fullest name (jabal Sabir, matar Taiz).
    uint32_t first = covered[i] ? i + 1 : i;
    cands.push_back(Candidate{first, end, EntityType::kLoc});
    for (uint32_t k = first; k < end; ++k) covered[k] = true;
  }
}

// A person the tagger missed, told by where the name stands. Foreign
// names, and names whose words are also common nouns (Raha, Taysir),
// are what the tagger misses most; news names speakers in two fixed
// ways, which tell such a name by its place. A name there is two to
// four rare words or first names, the first without the article (a
// lone rare word there is as often a common one: arfa', musa'id; a
// name's first word is rarely definite: al-tilifizyun al-baljiki).
void EntityRecognizer::ReadPeopleByWhereTheyStand(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                                  std::vector<bool>& covered) const {
  const std::vector<std::string_view>& words = sentence.words;
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  auto name_word = [&](uint32_t j) {
    const NerToken& w = tokens[j];
    return !covered[j] && (w.shape >> 4) == 0 && !w.has_prefix && w.gazetteer < 0 &&
           !rules_.title.Contains(w.core) && !rules_.office.Contains(w.core) && !IsCountryAdjective(w.norm) &&
           (w.person_name || w.frequency <= kRareNameLog2);
  };
  auto name_end = [&](uint32_t first) {  // first if no name starts there
    uint32_t end = first;
    while (end < n && end - first < 4 && name_word(end)) ++end;
    return end < first + 2 || Definite(tokens[first].norm, article_) ? first : end;
  };
  auto is_comma = [&](uint32_t k) {
    return k < n && (words[k] == "\xD8\x8C" || words[k] == "," || words[k] == "\xD8\x9B");  // also semicolons
  };
  auto add_person = [&](uint32_t first, uint32_t end) {
    cands.push_back(Candidate{first, end, EntityType::kPer});
    for (uint32_t j = first; j < end; ++j) covered[j] = true;
  };
  // (1) After a reporting verb (and its titles), the name, then an office
  // in apposition after a comma, wa-huwa or nothing ("wa-qala Sindi
  // Marsiliyu, na'ib ra'is al-sharika").
  for (uint32_t i = 0; i + 2 < n; ++i) {
    if (!rules_.speech.Contains(tokens[i].core)) continue;
    uint32_t first = i + 1;
    // Whom it was said to may come first: li- and an outlet in quotation
    // marks (wa-awdaha li-"al-Iqtisadiyya" Abu Muhammad al-Adani ...).
    if (first < n && tokens[first].norm == kLi)
      first = static_cast<uint32_t>(
          AfterQuotedAddressee(first, n, [&](size_t k) { return IsQuotationMark(words[k]); }));
    // Only titles with the article (al-duktur, al-liwa') or the letter d.:
    // an office in construct (ra'is, wazir) is followed by what it heads
    // (ra'is diwan al-mazalim), not by a person.
    while (first < n && !covered[first] && rules_.title.Contains(tokens[first].core) &&
           (Definite(tokens[first].norm, article_) || tokens[first].norm.size() <= 2))
      ++first;
    const uint32_t end = name_end(first);
    if (end == first) continue;
    uint32_t k = end;
    if (is_comma(k)) ++k;
    if (k < n && tokens[k].norm == kWaHuwa) ++k;
    if (k >= n || !rules_.office.Contains(tokens[k].core) || tokens[k].has_prefix) continue;
    add_person(first, end);
  }
  // (2) An office and what it heads, then the name between commas
  // ("al-mutahaddith bi-ism al-haras, Ali Hasan, fi bayan").
  for (uint32_t i = 0; i + 3 < n; ++i) {
    if (!rules_.office.Contains(tokens[i].core) || tokens[i].has_prefix) continue;
    uint32_t comma = i + 1;
    while (comma < n && comma <= i + kOfficeReach && !is_comma(comma) && (tokens[comma].shape >> 4) == 0) ++comma;
    if (!is_comma(comma)) continue;
    const uint32_t end = name_end(comma + 1);
    if (end == comma + 1 || !is_comma(end)) continue;
    add_person(comma + 1, end);
    i = end;
  }
}

// Forces named after their leader: qawat + PER. A tagged "person" that
// starts with such a noun is the force itself.
// By index over the candidates there were: adding the leader may move
// the vector, so no reference into it may live across the push.
void EntityRecognizer::ReadForcesAndKin(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                        std::vector<bool>& covered) const {
  const std::vector<NerToken>& tokens = sentence.tokens;
  for (size_t k = 0, found = cands.size(); k < found; ++k) {
    Candidate& c = cands[k];
    if (c.type == EntityType::kPer && c.end - c.first >= 2 && rules_.force.Contains(tokens[c.first].core)) {
      const Candidate leader{c.first + 1, c.end, EntityType::kPer};
      c.type = EntityType::kOrg;
      cands.push_back(leader);
    }
  }
  // A kinship noun inside one tagged name, after a full name whose last
  // word takes the article (Sulayman al-Asad ibn Hilal al-Asad), parts two
  // people; in a chain of given names (Sa'd ibn Abi Waqqas, Usama ibn
  // Ladin) it does not.
  for (size_t c = 0; c < cands.size(); ++c) {
    if (cands[c].type != EntityType::kPer || cands[c].entry >= 0) continue;
    for (uint32_t k = cands[c].first + 2; k + 1 < cands[c].end; ++k) {
      if (!rules_.kin.Contains(tokens[k].core) || tokens[k].has_prefix || !Definite(tokens[k - 1].norm, article_))
        continue;
      Candidate son = cands[c];
      son.end = k;
      cands[c].first = k;  // the kinship noun goes with the second name and is cut from it below
      cands.push_back(son);
      break;
    }
  }
  // A kinship noun before a full name (ibn Hilal al-Asad) names someone
  // else than that name: the person mentioned is the name after it.
  // Before a single word, or in a lexicon name, it may be the name itself
  // (Ibn Khaldun).
  for (Candidate& c : cands)
    if (c.type == EntityType::kPer && c.entry < 0 && c.end - c.first >= 3 && rules_.kin.Contains(tokens[c.first].core))
      ++c.first;
  const size_t base = cands.size();
  for (size_t c = 0; c < base; ++c) {
    if (cands[c].type != EntityType::kPer || cands[c].first == 0) continue;
    uint32_t f = cands[c].first - 1;
    if (!rules_.force.Contains(tokens[f].core) || covered[f]) continue;
    Candidate force{f, cands[c].end, EntityType::kOrg};
    cands.push_back(force);
  }
}

// A known place after a place noun takes the noun too (madinat Benghazi):
// the fullest name the report gives.
void EntityRecognizer::ReadPlacesAroundPlaceNouns(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                                  std::vector<bool>& covered) const {
  const std::vector<std::string_view>& words = sentence.words;
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  const TextCore& core = sentence.core;
  for (auto& c : cands)
    if (c.type == EntityType::kLoc && c.first > 0 && !covered[c.first - 1] &&
        rules_.place.Contains(tokens[c.first - 1].core) && !rules_.dual_place.Contains(tokens[c.first - 1].core)) {
      covered[c.first - 1] = true;
      --c.first;
    }
  // A dual place noun names two places (mintaqatay al-Sabiri wa-Kamfuda,
  // bi-rifay Idlib wa-Halab): it belongs to neither, and the name joined
  // by wa after the first is a place too.
  const size_t places_before = cands.size();
  for (size_t ci = 0; ci < places_before; ++ci) {
    Candidate& c = cands[ci];
    if (c.type != EntityType::kLoc) continue;
    if (c.end - c.first >= 2 && rules_.dual_place.Contains(tokens[c.first].core)) ++c.first;
    if (c.first == 0 || !rules_.dual_place.Contains(tokens[c.first - 1].core)) continue;
    // Tagged as one span, the two names are still two: cut at the wa-
    // word that starts the second.
    uint32_t second = c.first + 1;
    while (second < c.end && (words[second].size() <= 4 || words[second].compare(0, 2, "\xD9\x88") != 0))  // wa-
      ++second;
    if (second < c.end) {
      const Candidate second_name{second, c.end, EntityType::kLoc};
      c.end = second;
      cands.push_back(second_name);  // may move cands: c is not used after
      continue;
    }
    // The second name may follow a few words on where the first lies
    // (mintaqatay al-Sabiri shimali al-madina wa-Kamfuda): a wa- word the
    // lexicon has never seen, within four words.
    for (uint32_t j = c.end; j < n && j < c.end + 4; ++j) {
      if (covered[j] || (tokens[j].shape >> 4) != 0 || words[j].size() <= 4 ||
          words[j].compare(0, 2, "\xD9\x88") != 0)  // wa-
        continue;
      if (j > c.end && core.lexicon().Count(Normalize(words[j].substr(2), NormalizeOptions::Light())) > 0) break;
      cands.push_back(Candidate{j, j + 1, EntityType::kLoc});
      covered[j] = true;
      break;
    }
  }
}

// A group named by its adjective after a force or organization noun
// (al-miliciyat al-Huthiyya, al-haraka al-Huthiyya): the group itself.
void EntityRecognizer::ReadGroupsByAdjective(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                             std::vector<bool>& covered) const {
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  for (uint32_t i = 0; i + 1 < n; ++i) {
    if (covered[i] || covered[i + 1] || !(tokens[i].shape & 8)) continue;
    std::string_view noun = tokens[i].core;
    if (noun.compare(0, article_.size(), article_) == 0) noun.remove_prefix(article_.size());
    if (!rules_.force.Contains(noun) && !rules_.head.Contains(noun)) continue;
    uint32_t group = group_adjectives_.Find(tokens[i + 1].norm);
    if (!group) continue;
    Candidate c{i, i + 2, EntityType::kOrg};
    c.entry = static_cast<int>(group) - 1;
    cands.push_back(c);
    covered[i] = covered[i + 1] = true;
  }
}

// Collective actors where nothing else was found: longest phrase first,
// the first word with its clitics cut.
void EntityRecognizer::ReadCollectives(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                       std::vector<bool>& covered) const {
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  for (uint32_t i = 0; i < n;) {
    uint32_t best = 0;
    std::string key;
    for (uint32_t len = 1; len <= rules_.longest_collective && i + len <= n; ++len) {
      if (covered[i + len - 1]) break;
      if (len == 1)
        key = tokens[i].core;
      else
        key += " " + tokens[i + len - 1].norm;
      if (rules_.collective.Contains(key)) best = len;
    }
    if (best == 0) {
      ++i;
      continue;
    }
    Candidate c{i, i + best, EntityType::kOrg};
    c.generic = true;
    cands.push_back(c);
    for (uint32_t k = i; k < i + best; ++k) covered[k] = true;
    i += best;
  }
}

// A state's organ: an institution noun, perhaps one word naming its
// field, then a country or its adjective (al-sulutat al-qatariyya,
// ajhizat al-istikhbarat al-afghaniyya, hukumat al-Yaman).
void EntityRecognizer::ReadStateOrgans(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                       std::vector<bool>& covered) const {
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  for (uint32_t i = 0; i + 1 < n; ++i) {
    if (!rules_.institution.Contains(tokens[i].core)) continue;
    // wazir al-kharijiyya al-yamani names a person by his office; wakalat
    // al-amn al-watani al-amirikiyya is an agency whose name holds one.
    if (i > 0 && (rules_.title.Contains(tokens[i - 1].core) || rules_.head.Contains(tokens[i - 1].core))) continue;
    // qawat al-ra'is al-suri Bashar al-Asad: a force named after its
    // leader, which the force rule reads.
    if (rules_.force.Contains(tokens[i].core) && rules_.title.Contains(tokens[i + 1].core)) continue;
    bool inside = false;
    for (const auto& c : cands)
      if (c.first <= i && i < c.end) inside = true;
    if (inside) continue;
    uint32_t end = 0;
    for (uint32_t j = i + 1; j <= i + 2 && j < n && end == 0; ++j) {
      if (IsCountryAdjective(tokens[j].norm)) end = j + 1;
      for (const auto& c : cands)
        if (c.first == j && c.entry >= 0 && gazetteer_.entry(c.entry).id.rfind("country:", 0) == 0) end = c.end;
      if (j == i + 1 && (covered[j] || !(tokens[j].shape & 8))) break;  // only a definite word between
    }
    // A ministry named by its field alone (qalat wizarat al-sihha), most
    // often the report's own state's: named all the same. A third word
    // only when it is a relational adjective, -i or -iyya, of four letters
    // after the article or more (wizarat al-shu'un al-ijtima'iyya): not a
    // weekday (a'lanat wizarat al-difa' al-jum'a), not allati.
    const bool ministry = rules_.ministry.Contains(tokens[i].core);
    auto plain_definite = [&](uint32_t j) {
      return j < n && !covered[j] && !tokens[j].has_prefix && (tokens[j].shape & 8);
    };
    if (end == 0 && ministry && plain_definite(i + 1)) {
      end = i + 2;
      if (plain_definite(end) && !RelationalStem(tokens[end].norm).empty() &&
          utf8::CountCodePoints(tokens[end].norm) >= 6)
        ++end;
    }
    if (end == 0) continue;
    // hukumat al-ra'is al-yamani Abd Rabbuh Mansur Hadi: his government.
    // (A name after a ministry is its official's: wizarat al-dakhiliyya
    // Rafiq al-Shilli.)
    // (Not without his title between: hizb al-Quwwat al-Lubnaniyya Samir
    // Ja'ja' names the party's leader after it.)
    // (Nor with only the country's adjective between, though it is a
    // title before names: al-mutahaddith bi-ism al-jaysh al-Libi Ahmad
    // al-Mismari is the army's spokesman, not the army.)
    bool titled = false;
    for (uint32_t k = i + 1; k < end; ++k)
      titled = titled || (rules_.title.Contains(tokens[k].core) && !IsCountryAdjective(tokens[k].norm));
    for (const auto& c : cands)
      if (!ministry && titled && c.first == end && c.type == EntityType::kPer) end = c.end;
    cands.push_back(Candidate{i, end, EntityType::kOrg});
    for (uint32_t k = i; k < end; ++k) covered[k] = true;
  }
}

// A quoted name that begins with an organization's head noun ("majlis
// shura thuwwar Darna", "harakat X") is one organization, whatever the
// tagger made of its words, unless the lexicon knows it.
void EntityRecognizer::ReadQuotedOrganizations(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                               std::vector<bool>& covered) const {
  const std::vector<std::string_view>& words = sentence.words;
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  for (uint32_t i = 0; i + 3 < n; ++i) {
    const std::string_view close = ClosingQuoteMark(words[i]);
    if (close.empty()) continue;
    uint32_t j = i + 1;
    while (j < n && j <= i + 7 && words[j] != close && (tokens[j].shape >> 4) == 0) ++j;
    if (j >= n || words[j] != close || j < i + 3) continue;
    std::string_view head = tokens[i + 1].core;
    if (head.compare(0, article_.size(), article_) == 0) head.remove_prefix(article_.size());
    if (!rules_.head.Contains(head) || tokens[i + 1].has_prefix) continue;
    bool known = false;
    for (const auto& c : cands) known = known || (c.entry >= 0 && c.first <= i + 1 && j <= c.end);
    if (known) continue;
    cands.erase(std::remove_if(cands.begin(), cands.end(),
                               [&](const Candidate& c) { return c.first < j && i + 1 < c.end; }),
                cands.end());
    cands.push_back(Candidate{i + 1, j, EntityType::kOrg});
    for (uint32_t k = i + 1; k < j; ++k) covered[k] = true;
    i = j;
  }
}

// An outlet named after its noun (qanat al-Anba' al-Libiyya, sahifat
// "Akhbar al-Hadath"): the noun without the article, then a quoted name
// or up to three definite words.
void EntityRecognizer::ReadOutlets(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                   std::vector<bool>& covered) const {
  const std::vector<std::string_view>& words = sentence.words;
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  for (uint32_t i = 0; i + 1 < n; ++i) {
    if (!rules_.outlet.Contains(tokens[i].core) || (tokens[i].shape & 8) || covered[i]) continue;
    uint32_t end = i + 1;
    std::string_view mark = words[i + 1];
    if (std::string_view close = ClosingQuoteMark(mark); !close.empty()) {
      uint32_t j = i + 2;
      while (j < n && j <= i + 5 && words[j] != close && (tokens[j].shape >> 4) == 0) ++j;
      if (j < n && words[j] == close && j > i + 2) end = j + 1;
    } else {
      // (A title that ends no name ends it: bathathu qanat al-Jazira
      // al-qiyadi fi ...; sahifat al-Masri al-Yawm keeps its nisba.)
      while (end < n && end <= i + 3 && !covered[end] && (tokens[end].shape >> 4) == 0 && (tokens[end].shape & 8) &&
             !tokens[end].has_prefix && !rules_.trailing_title.Contains(tokens[end].core))
        ++end;
    }
    if (end == i + 1) continue;
    cands.push_back(Candidate{i, end, EntityType::kOrg});
    for (uint32_t k = i; k < end; ++k) covered[k] = true;
  }
}

// A coalition named by who leads it: al-tahaluf alladhi taquduhu
// al-Sa'udiyya, al-tahaluf bi-qiyadat Washington.
void EntityRecognizer::ReadCoalitions(const SentenceNames& sentence, std::vector<Candidate>& cands,
                                      std::vector<bool>& covered) const {
  const std::vector<NerToken>& tokens = sentence.tokens;
  const uint32_t n = sentence.n;
  for (uint32_t i = 0; i + 2 < n; ++i) {
    if (!rules_.led.Contains(tokens[i].core) || covered[i]) continue;
    uint32_t j = i + 1;
    if (rules_.led_by.Contains(tokens[j].core)) {
      ++j;
    } else if (j + 1 < n && rules_.led_by.Contains(tokens[j + 1].core)) {
      j += 2;  // the relative pronoun, then the verb
    } else {
      continue;
    }
    uint32_t end = 0;
    for (const auto& c : cands)
      if (c.first == j && c.type != EntityType::kPer) end = std::max(end, c.end);
    if (end == 0) continue;
    cands.push_back(Candidate{i, end, EntityType::kOrg});
    covered[i] = true;
  }
}

// Definite back-references: al-tanzim after tanzim al-dawla, a head noun
// or the first word of an organization's longer name, read as that
// organization (`entity_words`: each entity's words, as folded).
void EntityRecognizer::AddBackReferences(const std::vector<EntityWords>& entity_words, Document& doc) const {
  const TextAnalysis& a = doc.analysis;
  std::string_view text(doc.text);
  std::vector<bool> in_mention(a.tokens.size(), false);
  {
    size_t mi = 0;
    for (size_t t = 0; t < a.tokens.size(); ++t) {
      while (mi < doc.mentions.size() && doc.mentions[mi].span.end <= a.tokens[t].begin) ++mi;
      for (size_t k = mi; k < doc.mentions.size() && doc.mentions[k].span.begin < a.tokens[t].end; ++k)
        if (doc.mentions[k].span.end > a.tokens[t].begin) in_mention[t] = true;
    }
  }
  std::vector<Mention> extra;
  for (size_t t = 0; t < a.tokens.size(); ++t) {
    if (in_mention[t] || a.tokens[t].kind != TokenKind::kWord) continue;
    uint32_t begin = a.AfterPrefixes(t).first;
    std::string w = Normalize(text.substr(begin, a.tokens[t].end - begin), Match());
    if (!Definite(w, article_)) continue;
    std::string head = w.substr(article_.size());
    // Whether the word at k is definite and outside any name: right before
    // or after a head noun, it may make the head an adjective (al-sharika
    // al-munazzima) or qualify it into another body (al-sulutat al-suriyya,
    // al-quwwat al-ajnabiyya) -- or only describe it (al-tanzim al-irhabi).
    auto definite_word = [&](size_t k) {
      if (k >= a.tokens.size() || a.tokens[k].kind != TokenKind::kWord || in_mention[k]) return false;
      return Definite(Normalize(text.substr(a.tokens[k].begin, a.tokens[k].end - a.tokens[k].begin), Match()), article_);
    };
    // A head noun (al-tanzim), or the first word of an earlier organization's
    // longer name (al-tahaluf after al-tahaluf al-arabi).
    bool is_head = rules_.head.Contains(head);
    // The most recent organization before this word whose name starts with
    // the head; failing one, for a head noun standing bare, the only such
    // organization named later by a longer name (a headline or lede often
    // says al-nizam before al-nizam al-Suri; al-quwwat al-ajnabiyya is not
    // the al-quwwat al-Amrikiyya named later).
    int best = -1, later = -1;
    bool later_unique = true;
    uint32_t best_pos = 0;
    for (size_t e = 0; e < doc.entities.size(); ++e) {
      const Entity& ent = doc.entities[e];
      if (ent.type != EntityType::kOrg) continue;
      const auto& ew = entity_words[e].words;
      bool starts = !ew.empty() && ((is_head && ew[0] == head) || (ew.size() >= 2 && ew[0] == w));
      const Mention& first = doc.mentions[ent.mentions.front()];
      int entry =
          first.gazetteer_entry >= 0 ? first.gazetteer_entry : gazetteer_.Find(Join(entity_words[e].words));
      if (!starts && entry >= 0) {
        const auto& ge = gazetteer_.entry(entry);
        auto head_of = [&](const std::string& n) { return SplitOnSpaces(Normalize(n, Match())).front() == head; };
        if (is_head) {
          starts = head_of(ge.canonical);
          for (const auto& alias : ge.aliases) starts = starts || head_of(alias);
        }
      }
      if (!is_head && !(ew.size() >= 2 && ew[0] == w)) starts = false;
      if (!starts) continue;
      for (int mi : ent.mentions) {
        uint32_t pos = doc.mentions[mi].span.begin;
        if (pos < begin && (best < 0 || pos >= best_pos)) {
          best = static_cast<int>(e);
          best_pos = pos;
        }
      }
      if (ew.size() < 2) continue;
      if (later >= 0 && later != static_cast<int>(e)) later_unique = false;
      later = static_cast<int>(e);
    }
    if (best < 0 && is_head && later >= 0 && later_unique && !definite_word(t + 1) && !(t > 0 && definite_word(t - 1)))
      best = later;
    if (best < 0) continue;
    Mention m;
    m.span = Span{begin, a.tokens[t].end};
    m.type = EntityType::kOrg;
    m.entity = best;
    extra.push_back(m);
  }
  for (const Mention& m : extra) {
    doc.mentions.push_back(m);
    doc.entities[m.entity].mentions.push_back(static_cast<int>(doc.mentions.size() - 1));
  }
}

namespace {

// An entity's key where no lexicon names it: its type and its words.
std::string PlainKey(EntityType type, const std::vector<std::string>& name) {
  return std::string(EntityTypeName(type)) + ":" + Join(name);
}

}  // namespace

// Names the report has used, found again where the tagger missed them:
// "al-Misrati" after "Mahmud al-Misrati" (a surname alone), "Majlis Shura
// Thuwwar Benghazi" tagged once and not twice. Only names that point to one
// entity, and single words only when they are not common words.
void EntityRecognizer::FindNamesAgain(const TextCore& core, std::vector<EntityWords>& entity_words,
                                      Document& doc) const {
  const TextAnalysis& a = doc.analysis;
  std::string_view text(doc.text);
  std::unordered_map<std::string, int> name_of;  // normalized words -> entity (-1: ambiguous)
  size_t longest = 1;
  auto claim = [&](const std::string& name, int e) {
    auto [it, added] = name_of.emplace(name, e);
    if (!added && it->second != e) it->second = -1;
  };
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& ent = doc.entities[e];
    if (ent.generic) continue;
    const auto& w = entity_words[e].words;
    if (ent.type == EntityType::kPer && w.size() >= 2 && w.back().size() >= 6 &&
        !rules_.name_link.Contains(w[w.size() - 2]))  // a father's name, not a surname
      claim(w.back(), static_cast<int>(e));
    for (int mi : ent.mentions) {
      std::vector<std::string> mw = SplitOnSpaces(Normalize(MentionForm(doc, doc.mentions[mi]), Match()));
      if (mw.empty()) continue;
      longest = std::max(longest, mw.size());
      claim(Join(mw), static_cast<int>(e));
    }
  }
  std::vector<bool> covered(a.tokens.size(), false);
  for (const Mention& m : doc.mentions) {
    auto it = std::lower_bound(a.tokens.begin(), a.tokens.end(), m.span.begin,
                               [](const Token& tok, uint32_t b) { return tok.end <= b; });
    for (size_t k = it - a.tokens.begin(); k < a.tokens.size() && a.tokens[k].begin < m.span.end; ++k)
      covered[k] = true;
  }
  // The longest name the report has used that starts at token t: its
  // entity and length in tokens ({-1, 0}: none).
  auto match_at = [&](size_t t) -> std::pair<int, size_t> {
    auto [begin, first_end] = a.AfterPrefixes(t);
    std::string key = Normalize(text.substr(begin, first_end - begin), Match());
    int found = -1;
    size_t found_len = 0;
    for (size_t len = 1; len <= longest && t + len <= a.tokens.size(); ++len) {
      if (len > 1) {
        size_t k = t + len - 1;
        if (covered[k] || a.tokens[k].kind != TokenKind::kWord) break;
        key += ' ';
        key += Normalize(text.substr(a.tokens[k].begin, a.tokens[k].end - a.tokens[k].begin), Match());
      }
      auto it = name_of.find(key);
      if (it == name_of.end() || it->second < 0) continue;
      if (len == 1 &&
          core.lexicon().Count(Normalize(text.substr(begin, first_end - begin),
                                         NormalizeOptions::Light())) >= (1u << (kCommonWordLog2 - 2)))
        continue;  // a common word that happens to be a name here
      found = it->second;
      found_len = len;
    }
    return {found, found_len};
  };
  auto is_person = [&](int e) { return e >= 0 && doc.entities[e].type == EntityType::kPer; };
  for (size_t t = 0; t < a.tokens.size() && !name_of.empty();) {
    if (covered[t] || a.tokens[t].kind != TokenKind::kWord || doc.InHeader(a.tokens[t].begin)) {
      ++t;
      continue;
    }
    auto [found, found_len] = match_at(t);
    if (found < 0) {
      ++t;
      continue;
    }
    const uint32_t begin = a.AfterPrefixes(t).first;
    // Two names of people side by side, the second without a clitic, are
    // one person's (Bu'ajila | al-Habashi: the report used each alone);
    // the whole is a person of its own, found again where it recurs. A
    // waw the segmenter left on an unknown name is still wa- "and"
    // (Dimon | wa-Gorman).
    if (const size_t u = t + found_len; is_person(found) && u < a.tokens.size() && !covered[u] &&
                                        a.tokens[u].kind == TokenKind::kWord &&
                                        a.AfterPrefixes(u).first == a.tokens[u].begin &&
                                        text.compare(a.tokens[u].begin, 2, "\xD9\x88") != 0) {
      auto [second, second_len] = match_at(u);
      if (is_person(second) && second != found) {
        std::vector<std::string> whole = NameWords(text.substr(begin, a.tokens[u + second_len - 1].end - begin));
        const std::string key = PlainKey(EntityType::kPer, whole);
        // The whole may be a person the report already has (al-Shaykh |
        // Sayyid Qutb: the title goes with the name).
        found = -1;
        for (size_t e = 0; e < doc.entities.size() && found < 0; ++e)
          if (doc.entities[e].key == key) found = static_cast<int>(e);
        if (found < 0) {
          Entity ent;
          ent.type = EntityType::kPer;
          ent.key = key;
          doc.entities.push_back(ent);
          entity_words.push_back(EntityWords{whole});
          found = static_cast<int>(doc.entities.size() - 1);
        }
        found_len += second_len;
        longest = std::max(longest, whole.size());
        claim(Join(whole), found);
      }
    }
    Mention m;
    m.span = Span{begin, a.tokens[t + found_len - 1].end};
    m.type = doc.entities[found].type;
    m.entity = found;
    doc.mentions.push_back(m);
    doc.entities[found].mentions.push_back(static_cast<int>(doc.mentions.size() - 1));
    for (size_t k = t; k < t + found_len; ++k) covered[k] = true;
    t += found_len;
  }
}

// A mention's name for keys and folding: its words, leading titles and
// place nouns left out. `first_word`, when asked for, gets the first word
// before any is left out.
std::vector<std::string> EntityRecognizer::NameWords(std::string_view form, std::string* first_word) const {
  // Abdalaziz and Abd al-Aziz are one name: keys and folding read two words.
  std::vector<std::string> w = SplitOnSpaces(SplitAbd(Normalize(form, Match())));
  if (first_word) *first_word = w.empty() ? std::string() : w.front();
  size_t strip = 0;
  while (strip + 1 < w.size() && (rules_.title.Contains(w[strip]) || rules_.place.Contains(w[strip]))) ++strip;
  return std::vector<std::string>(w.begin() + static_cast<long>(strip), w.end());
}

void EntityRecognizer::Recognize(const TextCore& core, Document& doc) const {
  const TextAnalysis& a = doc.analysis;
  std::string_view text(doc.text);
  std::vector<std::string_view> words;
  std::vector<Candidate> cands;
  std::vector<Mention> found;

  // The tagger reads the body's sentences as one document (both passes);
  // header lines stay empty.
  std::vector<std::vector<NerToken>> doc_tokens(a.sentences.size());
  std::vector<std::vector<int>> doc_tags;
  std::vector<bool> header_sentence(a.sentences.size());
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    header_sentence[si] = doc.InHeader(a.tokens[s.token_begin].begin);
    if (!header_sentence[si]) BuildNerTokens(a, text, s.token_begin, s.token_end, core, gazetteer_, doc_tokens[si]);
  }
  models_.Tag(doc_tokens, doc_tags);
  // The second reader tags the same tokens (tagging clears and rebuilds
  // their document memory, which nothing after it reads).
  std::vector<std::vector<int>> report_tags;
  report_models_.Tag(doc_tokens, report_tags);
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    if (header_sentence[si]) continue;
    words.clear();
    for (uint32_t t = s.token_begin; t < s.token_end; ++t)
      words.push_back(text.substr(a.tokens[t].begin, a.tokens[t].end - a.tokens[t].begin));
    const std::vector<NerToken>& tokens = doc_tokens[si];
    const std::vector<int>& tags = doc_tags[si];
    const uint32_t n = static_cast<uint32_t>(words.size());
    const SentenceNames sentence{words, tokens, n, core};

    cands.clear();
    TaggedRuns(words, tokens, tags, cands);
    TrimNonNames(core, words, tokens, /*trim_common_words=*/true, cands);
    std::vector<bool> covered(n, false);
    for (const auto& c : cands)
      for (uint32_t k = c.first; k < c.end; ++k) covered[k] = true;

    // Two people side by side (used twice below): a person of the lexicon
    // named in two words or more, the other a name of two words or more
    // that begins with a first name of the list, no word that joins a
    // name's parts at the seam.
    auto full_lexicon_person = [&](int entry, uint32_t words) {
      return entry >= 0 && words >= 2 && gazetteer_.entry(entry).curated &&
             gazetteer_.entry(entry).type == EntityType::kPer;
    };
    auto other_full_name = [&](uint32_t first, uint32_t end) {
      return end - first >= 2 && tokens[first].person_name && !rules_.name_link.Contains(tokens[first].norm) &&
             !rules_.title.Contains(tokens[first].core) && !rules_.name_link.Contains(tokens[end - 1].norm);
    };
    auto links_at = [&](uint32_t seam) {  // ... Al | Sa'ud, Muhammad bin Awad | bin Ladin
      return rules_.name_link.Contains(tokens[seam - 1].norm) || rules_.name_link.Contains(tokens[seam].norm);
    };

    // Curated lexicon entries: fill gaps, and widen a tagged span that a
    // lexicon name contains.
    {
      std::vector<std::string_view> first(n), forms(n);
      for (uint32_t i = 0; i < n; ++i) {
        first[i] = tokens[i].core;
        forms[i] = tokens[i].norm;
      }
      std::vector<GazetteerMatch> matches;
      gazetteer_.Match(first, forms, matches);
      // Two different actors of the curated lexicon side by side inside one
      // tagged span are subject and object (iltaqa al-Sisi Netanyahu), not
      // one name: the span is cut where the second begins. Not across a
      // word that joins a name's parts (Muhammad bin Salman | Abd al-Aziz).
      auto curated_actor = [&](const GazetteerMatch& m) {
        const GazetteerEntry& e = gazetteer_.entry(m.entry);
        return e.curated && e.type != EntityType::kMisc;
      };
      for (size_t i = 1; i < matches.size(); ++i) {
        const GazetteerMatch& left = matches[i - 1];
        const GazetteerMatch& right = matches[i];
        if (left.end_token != right.first_token || !curated_actor(left) || !curated_actor(right) ||
            gazetteer_.entry(left.entry).id == gazetteer_.entry(right.entry).id ||
            rules_.name_link.Contains(tokens[left.end_token - 1].norm) ||
            rules_.name_link.Contains(tokens[right.first_token].norm))
          continue;
        for (size_t c = 0; c < cands.size(); ++c) {
          if (cands[c].first > left.first_token || cands[c].end < right.end_token) continue;
          Candidate second = cands[c];
          second.first = right.first_token;
          cands[c].end = right.first_token;
          cands.push_back(second);
          break;
        }
      }
      // So are a person of the lexicon, named in full, and another person
      // named in full right after or before (istaqbala Barak Obama David
      // Kamirun), whether the tagger gave one span or two (the joining of
      // names below asks the same): the other name begins with a first name
      // of the list and has two words or more, and no word that joins a
      // name's parts stands at the seam (Muhammad bin Awad | bin Ladin is
      // one man; Muhammad Husni Mubarak, whose Husni Mubarak is the
      // lexicon's, has one word before it).
      for (const auto& m : matches) {
        if (!full_lexicon_person(m.entry, m.end_token - m.first_token)) continue;
        for (size_t c = 0; c < cands.size(); ++c) {
          Candidate& span = cands[c];
          if (span.type != EntityType::kPer || span.first > m.first_token || span.end < m.end_token) continue;
          uint32_t cut = 0;
          if (span.end > m.end_token && other_full_name(m.end_token, span.end) && !links_at(m.end_token))
            cut = m.end_token;
          else if (m.first_token > span.first && other_full_name(span.first, m.first_token) &&
                   !links_at(m.first_token))
            cut = m.first_token;
          if (cut == 0) continue;
          Candidate second = span;
          second.first = cut;
          second.apart = true;
          span.end = cut;
          cands.push_back(second);
          break;
        }
      }
      for (const auto& m : matches) {
        const GazetteerEntry& e = gazetteer_.entry(m.entry);
        if (!e.curated || e.type == EntityType::kMisc) continue;
        bool overlaps = false;
        for (auto& c : cands) {
          if (c.end <= m.first_token || c.first >= m.end_token) continue;
          overlaps = true;
          if (c.first >= m.first_token && c.end <= m.end_token) {
            // The lexicon name covers the tagged span: take the lexicon's.
            if (c.first != m.first_token || c.end != m.end_token) c.type = e.type;
            c.first = m.first_token;
            c.end = m.end_token;
            c.entry = static_cast<int>(m.entry);
            if (m.whole_first) c.whole_from = m.first_token;
          } else if (c.first <= m.first_token && c.end >= m.end_token && c.first == m.first_token &&
                     c.end == m.end_token) {
            c.entry = static_cast<int>(m.entry);
          } else if (m.first_token <= c.first && m.end_token > c.first && m.end_token < c.end &&
                     c.type == EntityType::kPer && e.type == EntityType::kPer && c.entry < 0 &&
                     rules_.name_link.Contains(tokens[m.end_token].norm) && m.end_token - m.first_token >= 2) {
            // The lexicon's person with more of the chain of fathers (al-Amir
            // Muhammad bin Salman | bin Abd al-Aziz, al-Malik Salman | bin Abd
            // al-Aziz): the same person. Not after a one-word name, which may
            // be a surname (Mish'al bin Majid is not Khalid Mish'al).
            for (uint32_t k = m.first_token; k < c.first; ++k) covered[k] = true;
            c.first = m.first_token;
            c.entry = static_cast<int>(m.entry);
          }
        }
        if (!overlaps) {
          cands.push_back(Candidate{m.first_token, m.end_token, e.type, static_cast<int>(m.entry)});
          if (m.whole_first) cands.back().whole_from = m.first_token;
          for (uint32_t k = m.first_token; k < m.end_token; ++k) covered[k] = true;
        }
      }
    }

    // A one-word lexicon name that is also a place noun with the article
    // (al-qa'ida is al-Qaeda and "the base") followed by a feminine
    // adjective is the common noun: al-qa'ida al-jawwiyya, the air base.
    for (auto& c : cands) {
      if (c.entry < 0 || c.end - c.first != 1 || c.end >= n) continue;
      const std::string& w = tokens[c.first].norm;
      if (!Definite(w, article_) || !rules_.place.Contains(w.substr(article_.size())))
        continue;
      const std::string& next = tokens[c.end].norm;
      bool feminine_adjective = (tokens[c.end].shape & 8) && tokens[c.end].gazetteer < 0 && next.size() > 4 &&
                                next.compare(next.size() - 4, 4, kAdjectiveIyya) == 0;
      if (!feminine_adjective) continue;
      c.type = EntityType::kLoc;
      c.entry = -1;
      ++c.end;
      covered[c.end - 1] = true;
    }

    // In text order, for the two rules below.
    std::sort(cands.begin(), cands.end(), [](const Candidate& x, const Candidate& y) { return x.first < y.first; });
    // No name starts with Allah: it ends compound names (Rahmat Allah,
    // Fadl Allah, Nasr Allah), whose first word the tagger may leave out,
    // or leave out with Allah before the rest of the name. The first word
    // is then a first name the list knows (Fadl, Dayf, Ata) or a noun in
    // -a (Rahma, Hiba, Ni'ma), not a verb (sha'a Allah, rahimahu Allah).
    auto opens_compound = [&](uint32_t k) {
      if (covered[k] || !IsWordToken(tokens[k]) || tokens[k].has_prefix) return false;
      if (tokens[k].person_name) return true;
      const std::string_view w = words[k];
      return w.size() > 2 && w.compare(w.size() - 2, 2, kTaMarbuta) == 0;
    };
    for (size_t c = 0; c < cands.size(); ++c) {
      Candidate& cand = cands[c];
      if (cand.type != EntityType::kPer || (c > 0 && cands[c - 1].end + 2 > cand.first)) continue;
      uint32_t first = cand.first;
      if (tokens[first].norm != kAllah && first >= 2 && tokens[first - 1].norm == kAllah && !covered[first - 1])
        --first;  // Allah left out too
      if (tokens[first].norm != kAllah || first == 0 || !opens_compound(first - 1)) continue;
      for (uint32_t k = first - 1; k < cand.first; ++k) covered[k] = true;
      cand.first = first - 1;
    }
    // Two person mentions side by side, the second without a clitic (wa-,
    // li-), are one name: Arabic sets two people apart with wa or a comma
    // (in ANERcorp's training part a person begins right after another, with
    // neither, 15 times in 2,724, most of them one name split). The tagger
    // splits long chains (Sa'ud bin | Faysal bin Abd al-Aziz, Jeb | Bush)
    // where it knows a part as a name of its own, and titles it took for
    // names (Khadim al-Haramayn al-Sharifayn | al-Malik Salman) join the name
    // they stand before. Which lexicon entry the whole keeps: the first
    // part's (the name goes on: Salman bin Abd al-Aziz Al | Sa'ud); else
    // the second's (after a title), but not after a first name of the list
    // or a word that joins a name (Michelle | Obama, Faysal's son are
    // someone else). Two different lexicon actors stay two. Nor does a
    // title, an office or a kinship noun after a name join it (Sulayman
    // al-Asad ibn Hilal al-Asad is two). (This also joins a lone first name
    // the tagger split off: Riyad | Yasin, riyad being also a city.)
    for (size_t c = 1; c < cands.size(); ++c) {
      Candidate& prev = cands[c - 1];
      const Candidate& next = cands[c];
      if (prev.type != EntityType::kPer || next.type != EntityType::kPer || prev.end != next.first || next.apart)
        continue;
      // A person of the lexicon named in full beside another full name that
      // begins with a first name of the list: two people (see above).
      if (!links_at(next.first) &&
          ((full_lexicon_person(prev.entry, prev.end - prev.first) && other_full_name(next.first, next.end)) ||
           (other_full_name(prev.first, prev.end) && full_lexicon_person(next.entry, next.end - next.first))))
        continue;
      const NerToken& head = tokens[next.first];
      if (head.has_prefix || rules_.title.Contains(head.core) || rules_.trailing_title.Contains(head.core) ||
          rules_.office.Contains(head.core) || rules_.kin.Contains(head.core))
        continue;
      if (prev.entry >= 0 && next.entry >= 0 && prev.entry != next.entry) continue;
      if (prev.entry < 0) {
        const bool first_name = prev.end == prev.first + 1 && tokens[prev.first].person_name;
        prev.entry = first_name || rules_.name_link.Contains(tokens[prev.end - 1].norm) ? -1 : next.entry;
      }
      prev.end = next.end;
      cands.erase(cands.begin() + static_cast<long>(c));
      --c;
    }

    ReadPlaceNouns(sentence, cands, covered);

    ReadPeopleByWhereTheyStand(sentence, cands, covered);

    ReadGroupsByAdjective(sentence, cands, covered);

    ReadCollectives(sentence, cands, covered);

    ReadStateOrgans(sentence, cands, covered);

    ReadQuotedOrganizations(sentence, cands, covered);

    ReadOutlets(sentence, cands, covered);

    ReadCoalitions(sentence, cands, covered);

    // The second reader's names: where neither the tagger nor a rule read
    // a word, and where its name is longer than every name the first
    // tagger read inside it that no lexicon knows (al-majlis al-'askari
    // li-l-muqawama, where only al-muqawama was read).
    AddSecondReading(words, tokens, report_tags[si], core, cands, covered);

    ReadForcesAndKin(sentence, cands, covered);

    ReadPlacesAroundPlaceNouns(sentence, cands, covered);

    std::sort(cands.begin(), cands.end(), [](const Candidate& x, const Candidate& y) {
      return x.first != y.first ? x.first < y.first : x.end > y.end;
    });
    // Widening to a lexicon name can make two tagged pieces one span.
    cands.erase(std::unique(cands.begin(), cands.end(),
                            [](const Candidate& x, const Candidate& y) {
                              return x.first == y.first && x.end == y.end && x.type == y.type;
                            }),
                cands.end());
    // Mentions: byte spans, prefix clitics of the first token cut.
    for (size_t c = 0; c < cands.size(); ++c) {
      const Candidate& cd = cands[c];
      uint32_t t0 = s.token_begin + cd.first, t1 = s.token_begin + cd.end - 1;
      // A month's other name in brackets after its name (Abril (Nisan),
      // Yuliyu (Tammuz)) is a date, whatever the tagger saw in it.
      if (cd.end == cd.first + 1 && cd.first >= 2 && tokens[cd.first - 1].norm == "(" &&
          months_.Contains(tokens[cd.first].norm) && months_.Contains(tokens[cd.first - 2].norm))
        continue;
      // The prefixes the tagger's token cut: a name the person list knows
      // keeps what only looks like one (Bush, not bi- + wash).
      uint32_t begin =
          cd.whole_from == cd.first ? a.tokens[t0].begin : a.AfterPrefixes(t0, tokens[cd.first].prefixes).first;
      // A cut that leaves one letter is no name's: alone, the word is a
      // preposition with a pronoun the tagger took for a name (qala li
      // "told me", wali in wali al-'ahd); before other words it stays whole
      // (the Chinese name Li: Li Baodong).
      if (utf8::CountCodePoints(text.substr(begin, a.tokens[t0].end - begin)) <= 1) {
        if (t0 == t1) continue;
        begin = a.tokens[t0].begin;
      }
      // wa- glued to a name the lexicon has never seen (wa-Kamfuda) is the
      // conjunction; names that begin with waw (Walid, Washington) are known.
      if (begin == a.tokens[t0].begin && text.compare(begin, 2, "\xD9\x88") == 0 &&
          a.tokens[t0].end - begin >= 10 &&
          core.lexicon().Count(Normalize(text.substr(begin, a.tokens[t0].end - begin), NormalizeOptions::Light())) == 0)
        begin += 2;
      Mention m;
      m.restored_article = begin > a.tokens[t0].begin && lil_.size() > 0 &&
                           text.substr(a.tokens[t0].begin, lil_.size()) == lil_;
      m.span = Span{begin, a.tokens[t1].end};
      m.type = cd.type;
      m.gazetteer_entry = cd.entry;
      m.generic = cd.generic;
      m.sentence = si;
      found.push_back(m);
    }
  }

  // Fold mentions into entities.
  doc.mentions.clear();
  doc.entities.clear();
  std::vector<EntityWords> entity_words;
  std::unordered_map<std::string, int> office_holders;  // an apposed office's key -> its holder
  // Per mention of doc.mentions: a person's mention that begins with an
  // office (wazir, ra'is, mudir), told once.
  std::vector<bool> office_form;
  // An office names whoever held it: the person named right beside it
  // ("Khadim al-Haramayn al-Malik Abd Allah", said of him after his reign
  // too) if that person held it, else the holder on the report's day.
  const int report_day = doc.date ? doc.date->year * 10000 + doc.date->month * 100 + doc.date->day : 0;
  auto holder_of = [&](size_t k, int office) {
    for (size_t j = 0; j < found.size(); ++j) {
      const bool after = found[j].span.begin >= found[k].span.end;
      const Span& a = after ? found[k].span : found[j].span;
      const Span& b = after ? found[j].span : found[k].span;
      if (j == k || b.begin < a.end || b.begin - a.end > 2 || doc.text.find_first_not_of(' ', a.end) < b.begin)
        continue;
      const int named = found[j].gazetteer_entry >= 0 ? found[j].gazetteer_entry
                                                      : gazetteer_.Find(Join(NameWords(MentionForm(doc, found[j]))));
      if (named >= 0 && gazetteer_.HeldBy(office, named)) return named;
    }
    return gazetteer_.HolderOn(office, report_day);
  };
  for (size_t k = 0; k < found.size(); ++k) {
    Mention& m = found[k];
    std::string first_word;
    std::vector<std::string> name = NameWords(MentionForm(doc, m), &first_word);
    if (name.empty()) continue;
    int entry = m.gazetteer_entry;
    if (entry < 0) entry = gazetteer_.Find(Join(name));
    if (entry >= 0 && gazetteer_.entry(entry).type != m.type && !gazetteer_.entry(entry).curated) entry = -1;
    // A title is not a surname: it folds by key only, never by its words.
    const bool office = gazetteer_.IsOffice(entry);
    if (office) entry = holder_of(k, entry);
    if (entry >= 0) m.type = gazetteer_.entry(entry).type;
    std::string key = entry >= 0  ? gazetteer_.entry(entry).id
                      : m.generic ? "generic:" + Join(name)
                                  : PlainKey(m.type, name);

    int target = -1;
    if (target < 0 && m.generic && name.size() == 1) {
      // A collective noun after a named group it begins (al-mutamarridin
      // after al-mutamarridin al-Huthiyyin) refers back to that group.
      for (size_t e = doc.entities.size(); e-- > 0 && target < 0;) {
        const Entity& ent = doc.entities[e];
        if (ent.generic || ent.type != EntityType::kOrg) continue;
        const auto& ew = entity_words[e].words;
        if (ew.size() >= 2 && ew[0] == name[0]) {
          target = static_cast<int>(e);
          m.generic = false;
        }
      }
    }
    // An office in apposition right after a person's name (Riyad Yasin,
    // wazir al-kharijiyya al-yamani,) is that person's, and so is the same
    // office named again; it names him without renaming him.
    bool apposed = false;
    if (target < 0 && !office && m.type == EntityType::kPer) {
      if (auto held = office_holders.find(key); held != office_holders.end()) {
        target = held->second;
        apposed = true;
      } else if (rules_.office.Contains(first_word) && !doc.mentions.empty() &&
                 doc.mentions.back().type == EntityType::kPer && !office_form.back() &&
                 OnlyACommaBetween(doc.text, doc.mentions.back().span, m.span)) {
        target = doc.mentions.back().entity;
        office_holders.emplace(key, target);
        apposed = true;
      }
    }
    for (size_t e = 0; e < doc.entities.size() && target < 0; ++e) {
      Entity& ent = doc.entities[e];
      if (ent.key == key) target = static_cast<int>(e);
    }
    // A single word the tagger typed otherwise ("al-Misrati" in quotation
    // marks, read as an outlet) may be the surname of a person named in full;
    // so may a word only a generated list knows as a place (Kamirun after
    // David Kamirun: Cameroon in ANERgazet), not a curated name.
    const bool bare_word = m.type != EntityType::kPer && (entry < 0 || !gazetteer_.entry(entry).curated) &&
                           !m.generic && name.size() == 1;
    if (target < 0 && !office && (m.type == EntityType::kPer || bare_word)) {
      // A surname or a shorter form of a known person, or the full name of
      // one seen by surname: word sequences that end alike.
      for (size_t e = 0; e < doc.entities.size() && target < 0; ++e) {
        const Entity& ent = doc.entities[e];
        if (ent.type != EntityType::kPer || entity_words[e].office) continue;
        const auto& ew = entity_words[e].words;
        if (bare_word && ew.size() < 2) continue;  // a full name, not a one-word namesake of another type
        const auto& shorter = ew.size() <= name.size() ? ew : name;
        const auto& longer = ew.size() <= name.size() ? name : ew;
        // ... but not a father's name after bin (Salman is not Muhammad bin
        // Salman), nor what follows Abu or Al.
        const bool after_link =
            longer.size() > shorter.size() && rules_.name_link.Contains(longer[longer.size() - shorter.size() - 1]);
        if (!after_link && std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin())) target = static_cast<int>(e);
      }
      if (target >= 0) m.type = EntityType::kPer;
    }
    if (target < 0) {
      Entity ent;
      ent.type = m.type;
      ent.key = key;
      if (entry >= 0) ent.lexicon_name = gazetteer_.entry(entry).canonical;
      ent.generic = m.generic;
      doc.entities.push_back(ent);
      entity_words.push_back(EntityWords{name, office});
      target = static_cast<int>(doc.entities.size() - 1);
    } else if (!apposed && name.size() > entity_words[target].words.size()) {
      entity_words[target].words = name;
      entity_words[target].office = office;
      if (entry < 0 && doc.entities[target].key.find(':') != std::string::npos &&
          doc.entities[target].key.rfind(EntityTypeName(m.type), 0) == 0)
        doc.entities[target].key = key;
    }
    m.entity = target;
    doc.mentions.push_back(m);
    office_form.push_back(m.type == EntityType::kPer && rules_.office.Contains(first_word));
    doc.entities[target].mentions.push_back(static_cast<int>(doc.mentions.size() - 1));
  }

  // Forces: link each "qawat X" ORG to the PER entity named in it.
  for (Entity& ent : doc.entities) {
    if (ent.type != EntityType::kOrg) continue;
    const Mention& m = doc.mentions[ent.mentions.front()];
    for (const Mention& inner : doc.mentions)
      if (inner.type == EntityType::kPer && inner.span.begin > m.span.begin && inner.span.end <= m.span.end &&
          inner.sentence == m.sentence)
        ent.leader = inner.entity;
  }

  FindNamesAgain(core, entity_words, doc);

  AddBackReferences(entity_words, doc);

  FoldContainedNames(doc);

  // Names: the fullest mention (most words, then longest), titles kept;
  // a person's name before his office's.
  for (size_t mi = office_form.size(); mi < doc.mentions.size(); ++mi) {  // the mentions found again
    std::string first_word;
    NameWords(MentionForm(doc, doc.mentions[mi]), &first_word);
    office_form.push_back(doc.mentions[mi].type == EntityType::kPer && rules_.office.Contains(first_word));
  }
  for (Entity& ent : doc.entities) {
    size_t best_words = 0, best_len = 0;
    const bool named = std::any_of(ent.mentions.begin(), ent.mentions.end(), [&](int mi) { return !office_form[mi]; });
    for (int mi : ent.mentions) {
      if (named && office_form[mi]) continue;
      const std::string t = MentionForm(doc, doc.mentions[mi]);
      size_t words_in = 1 + std::count(t.begin(), t.end(), ' ');
      if (words_in > best_words || (words_in == best_words && t.size() > best_len)) {
        best_words = words_in;
        best_len = t.size();
        ent.name = t;
      }
    }
  }
}

}  // namespace isnad
