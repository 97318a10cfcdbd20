#include "isnad/entities/ner_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <unordered_map>

#include "isnad/text/lexicon.h"
#include "isnad/text/utf8.h"

namespace isnad {


namespace {

constexpr char kMagic[8] = {'I', 'S', 'N', 'A', 'D', 'N', 'E', 'R'};
constexpr uint32_t kFormatVersion = 1;

uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

uint64_t Feature(uint32_t template_id, std::string_view value) {
  return Mix(HashBytes(value), template_id * 0x100000001b3ULL + 1);
}

// Feature(template_id, s) for s whose HashBytes is `hash`.
uint64_t FeatureOfHash(uint32_t template_id, uint64_t hash) { return Mix(hash, template_id * 0x100000001b3ULL + 1); }

uint64_t Feature(uint32_t template_id, int64_t value) {
  return Mix(static_cast<uint64_t>(value) * 0xff51afd7ed558ccdULL, template_id * 0x100000001b3ULL + 7);
}

// The models' hash tables: open addressing by key with linear probing, in
// a power of two of slots, one and a half per key or more.
size_t TableSlots(size_t keys) {
  size_t slots = 1;
  while (slots < keys + keys / 2 + 1) slots <<= 1;
  return slots;
}

// Where `key` sits in `table`, or the empty slot where it would go.
template <typename Slot>
size_t SlotIndex(const std::vector<Slot>& table, uint64_t key) {
  const size_t mask = table.size() - 1;
  size_t s = key & mask;
  while (table[s].used && table[s].key != key) s = (s + 1) & mask;
  return s;
}

// First / last n code points of s.
std::string_view Prefix(std::string_view s, size_t n) {
  size_t pos = 0, count = 0;
  while (pos < s.size() && count < n) {
    utf8::Next(s, pos);
    ++count;
  }
  return count == n ? s.substr(0, pos) : std::string_view();
}
std::string_view Suffix(std::string_view s, size_t n) {
  size_t total = utf8::CountCodePoints(s);
  if (total < n) return {};
  size_t pos = 0, count = 0;
  while (count < total - n) {
    utf8::Next(s, pos);
    ++count;
  }
  return s.substr(pos);
}

}  // namespace

const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPer: return "PER";
    case EntityType::kOrg: return "ORG";
    case EntityType::kLoc: return "LOC";
    case EntityType::kMisc: return "MISC";
  }
  return "?";
}

bool ParseEntityType(std::string_view name, EntityType& out) {
  if (name == "PER" || name == "PERS") out = EntityType::kPer;
  else if (name == "ORG") out = EntityType::kOrg;
  else if (name == "LOC") out = EntityType::kLoc;
  else if (name == "MISC") out = EntityType::kMisc;
  else return false;
  return true;
}

std::string TagName(int tag) {
  if (tag == 0) return "O";
  return std::string(IsBegin(tag) ? "B-" : "I-") + EntityTypeName(TagType(tag));
}

int ParseTag(std::string_view name) {
  if (name == "O") return 0;
  if (name.size() < 3 || name[1] != '-' || (name[0] != 'B' && name[0] != 'I')) return -1;
  EntityType t;
  if (!ParseEntityType(name.substr(2), t)) return -1;
  return name[0] == 'B' ? BeginTag(t) : InsideTag(t);
}

void NerModel::Features(const std::vector<NerToken>& tokens, size_t i, int prev, int prev2,
                        std::vector<uint64_t>& out) {
  WordFeatures(tokens, i, out);
  TagPairFeatures(prev, prev2, out);
  TagWordFeatures(tokens[i], prev, out);
}

void NerModel::HistoryFeatures(const std::vector<NerToken>& tokens, size_t i, int prev, int prev2,
                               std::vector<uint64_t>& out) {
  out.clear();
  TagPairFeatures(prev, prev2, out);
  TagWordFeatures(tokens[i], prev, out);
}

void NerModel::TagPairFeatures(int prev, int prev2, std::vector<uint64_t>& out) {
  out.push_back(Feature(50, static_cast<int64_t>(prev)));
  out.push_back(Feature(51, static_cast<int64_t>(prev * 16 + prev2)));
}

void NerModel::TagWordFeatures(const NerToken& t, int prev, std::vector<uint64_t>& out) {
  out.push_back(Feature(52, static_cast<int64_t>(prev) * 1000 + t.gazetteer + 2));
  // The previous tag with this word: the word's hash mixed with the tag
  // (no string is built on the beam's inner loop).
  out.push_back(Mix(FeatureOfHash(53, t.core_hash), static_cast<uint64_t>(prev) + 1));
  out.push_back(Feature(77, static_cast<int64_t>(prev) * 1024 + t.word_class + 2));
}

void NerModel::WordFeatures(const std::vector<NerToken>& tokens, size_t i, std::vector<uint64_t>& out) {
  out.clear();
  const NerToken& t = tokens[i];
  auto at = [&](long k) -> const NerToken* {
    long j = static_cast<long>(i) + k;
    return j >= 0 && j < static_cast<long>(tokens.size()) ? &tokens[j] : nullptr;
  };
  static const std::string kBoundary = "<s>";
  auto norm = [&](long k) -> std::string_view { auto* p = at(k); return p ? std::string_view(p->norm) : kBoundary; };
  auto core = [&](long k) -> std::string_view { auto* p = at(k); return p ? std::string_view(p->core) : kBoundary; };

  out.push_back(Feature(0, int64_t{0}));  // bias
  out.push_back(Feature(1, t.norm));
  out.push_back(FeatureOfHash(2, t.core_hash));
  out.push_back(Feature(3, t.stem));
  out.push_back(Feature(4, static_cast<int64_t>(t.shape)));
  out.push_back(Feature(5, static_cast<int64_t>(t.has_prefix)));
  for (size_t n = 1; n <= 3; ++n) {
    out.push_back(Feature(10 + n, Prefix(t.core, n)));
    out.push_back(Feature(20 + n, Suffix(t.core, n)));
  }
  out.push_back(Feature(30, norm(-1)));
  out.push_back(Feature(31, norm(1)));
  out.push_back(Feature(32, norm(-2)));
  out.push_back(Feature(33, norm(2)));
  out.push_back(Feature(34, core(-1)));
  out.push_back(Feature(35, core(1)));
  // Word pairs around the token: "madinat X", "X al-sharqi".
  std::string pair(norm(-1));
  pair += '|';
  pair += t.core;
  out.push_back(Feature(36, pair));
  pair.assign(t.core);
  pair += '|';
  pair += norm(1);
  out.push_back(Feature(37, pair));
  out.push_back(Feature(40, static_cast<int64_t>(t.gazetteer)));
  for (long k : {-1L, 1L}) {
    auto* p = at(k);
    out.push_back(Feature(41 + (k > 0), static_cast<int64_t>(p ? p->gazetteer : -2)));
  }
  out.push_back(Feature(44, static_cast<int64_t>(t.person_name)));
  {
    auto* p = at(-1);
    auto* q = at(1);
    out.push_back(Feature(45, static_cast<int64_t>(p && p->person_name) * 2 + (q && q->person_name)));
    out.push_back(Feature(46, static_cast<int64_t>(p ? p->shape : 99)));
    out.push_back(Feature(47, static_cast<int64_t>(q ? q->shape : 99)));
  }
  out.push_back(Feature(60, static_cast<int64_t>(t.frequency)));
  out.push_back(Feature(61, static_cast<int64_t>(t.article)));
  out.push_back(Feature(62, static_cast<int64_t>(t.frequency) * 16 + t.article));
  {
    auto* p = at(-1);
    auto* q = at(1);
    out.push_back(Feature(63, static_cast<int64_t>(p ? p->frequency : 99)));
    out.push_back(Feature(64, static_cast<int64_t>(q ? q->frequency : 99)));
    std::string around(norm(-1));
    around += '|';
    around += norm(1);
    out.push_back(Feature(65, around));
    out.push_back(Feature(66, Suffix(core(-1), 2)));
    out.push_back(Feature(67, static_cast<int64_t>(t.shape) * 256 + (p ? p->shape : 255)));
  }
  {
    auto* p = at(-1);
    auto* q = at(1);
    auto* p2 = at(-2);
    out.push_back(Feature(70, static_cast<int64_t>(t.word_class)));
    out.push_back(Feature(71, static_cast<int64_t>(t.coarse_class)));
    out.push_back(Feature(72, static_cast<int64_t>(p ? p->word_class : -2)));
    out.push_back(Feature(73, static_cast<int64_t>(q ? q->word_class : -2)));
    out.push_back(Feature(74, static_cast<int64_t>(p ? p->coarse_class : -2) * 64 + t.coarse_class));
    out.push_back(Feature(75, static_cast<int64_t>(t.coarse_class) * 64 + (q ? q->coarse_class : -2)));
    out.push_back(Feature(76, static_cast<int64_t>(p2 ? p2->coarse_class : -2)));
  }
  if (t.memory != 0) MemoryFeatures(tokens, i, out);  // the document pass
}

void NerModel::MemoryFeatures(const std::vector<NerToken>& tokens, size_t i, std::vector<uint64_t>& out) {
  const uint8_t before = i > 0 ? tokens[i - 1].memory : 255, after = i + 1 < tokens.size() ? tokens[i + 1].memory : 255;
  out.push_back(Feature(90, static_cast<int64_t>(tokens[i].memory)));
  out.push_back(Feature(91, static_cast<int64_t>(before)));
  out.push_back(Feature(92, static_cast<int64_t>(after)));
}

namespace {

// Beam search over tag sequences: the features see the two previous tags,
// so a greedy choice can lock in a mistake the next word would undo.
// `word_score(i, out)` adds the scores of word i's own features;
// `history_score(i, prev, out)` those of the previous tag with the word;
// `pair_table` holds the tag-pair scores.
template <typename WordScore, typename HistoryScore>
void BeamTag(size_t n, WordScore&& word_score, HistoryScore&& history_score, const int32_t* pair_table,
             std::vector<int>& tags) {
  struct Hyp {
    int64_t score;
    int prev, prev2;
    int parent;  // index into the previous step's beam
  };
  tags.assign(n, 0);
  if (n == 0) return;
  std::vector<std::vector<Hyp>> steps(n);
  std::vector<Hyp> beam = {Hyp{0, 0, 0, -1}};
  std::vector<Hyp> next;
  for (size_t i = 0; i < n; ++i) {
    next.clear();
    // What the word and its neighbours say, scored once; only the few
    // features of the tag history differ between hypotheses.
    int32_t word[kNumTags] = {0};
    word_score(i, word);
    int32_t prev_score[kNumTags][kNumTags];
    bool prev_done[kNumTags] = {false};
    for (size_t h = 0; h < beam.size(); ++h) {
      const Hyp& hyp = beam[h];
      // Hypotheses with the same two previous tags score alike from here.
      bool repeat = false;
      for (size_t g = 0; g < h && !repeat; ++g) repeat = beam[g].prev == hyp.prev && beam[g].prev2 == hyp.prev2;
      if (repeat) continue;
      // The history's share: the tag pair from a table built at load, the
      // previous tag with this word once per distinct previous tag.
      if (!prev_done[hyp.prev]) {
        int32_t* ps = prev_score[hyp.prev];
        std::fill(ps, ps + kNumTags, 0);
        history_score(i, hyp.prev, ps);
        prev_done[hyp.prev] = true;
      }
      const int32_t* pair = &pair_table[(static_cast<size_t>(hyp.prev) * kNumTags + hyp.prev2) * kNumTags];
      int32_t score[kNumTags];
      for (int c = 0; c < kNumTags; ++c) score[c] = word[c] + pair[c] + prev_score[hyp.prev][c];
      for (int c = 0; c < kNumTags; ++c) {
        // I-X continues only B-X or I-X.
        if (IsInside(c) && !(hyp.prev == c || hyp.prev == c - 1)) continue;
        next.push_back(Hyp{hyp.score + score[c], c, hyp.prev, static_cast<int>(h)});
      }
    }
    size_t keep = std::min<size_t>(kNerBeamWidth, next.size());
    std::partial_sort(next.begin(), next.begin() + keep, next.end(),
                      [](const Hyp& x, const Hyp& y) { return x.score > y.score; });
    next.resize(keep);
    steps[i] = next;
    beam.swap(next);  // next is cleared before its next use
  }
  int h = 0;
  for (size_t i = n; i-- > 0;) {
    tags[i] = steps[i][h].prev;
    h = steps[i][h].parent;
  }
}

// What the sentence pass said of one word across a window: how often each
// tag type (O last) and how often inside a longer name.
struct WordMemory {
  int32_t label[kNumEntityTypes + 1] = {};
  int32_t inside = 0;
};

int MemoryLabel(int tag) { return tag == 0 ? kNumEntityTypes : static_cast<int>(TagType(tag)); }

}  // namespace

void RememberDocument(std::span<std::vector<NerToken>> sentences, std::span<const std::vector<int>> tags) {
  std::unordered_map<uint64_t, WordMemory> seen;
  auto count = [&](size_t s, int sign) {
    for (size_t k = 0; k < sentences[s].size(); ++k) {
      WordMemory& m = seen[sentences[s][k].core_hash];
      m.label[MemoryLabel(tags[s][k])] += sign;
      m.inside += sign * IsInside(tags[s][k]);
    }
  };
  const size_t n = sentences.size();
  size_t lo = 0, hi = 0;  // sentences [lo, hi) are counted
  for (size_t s = 0; s < n; ++s) {
    for (; hi < std::min(n, s + kMemoryWindow + 1); ++hi) count(hi, +1);
    for (; lo + kMemoryWindow < s; ++lo) count(lo, -1);
    for (size_t k = 0; k < sentences[s].size(); ++k) {
      NerToken& t = sentences[s][k];
      if (t.core.empty()) {
        t.memory = 1;
        continue;
      }
      WordMemory m = seen[t.core_hash];  // minus this very word
      m.label[MemoryLabel(tags[s][k])] -= 1;
      m.inside -= IsInside(tags[s][k]);
      int total = 0, best = 0;
      for (int l = 0; l <= kNumEntityTypes; ++l) {
        total += m.label[l];
        if (m.label[l] > m.label[best]) best = l;
      }
      if (total == 0) {
        t.memory = 1;  // not said elsewhere
        continue;
      }
      const bool agree = m.label[best] == total;
      const bool inside = best < kNumEntityTypes && 2 * m.inside > m.label[best];
      t.memory = static_cast<uint8_t>(2 + best * 4 + agree * 2 + inside);
    }
  }
}

NerModels NerModels::FromModels(NerModel sentence_model, NerModel document_model) {
  NerModels m;
  m.sentence = std::move(sentence_model);
  m.document = std::move(document_model);
  m.BuildIndex();
  // The pair's table holds both models' weights: theirs would only take
  // memory (about 50 MB for the two readers).
  std::vector<NerModel::Slot>().swap(m.sentence.table_);
  std::vector<NerModel::Slot>().swap(m.document.table_);
  return m;
}

void NerModels::BuildIndex() {
  // One table for both passes: a feature's weights in either model sit in
  // one slot, so the sentence pass's lookups also give the document pass
  // its words' scores (all but the memory's). Each row keeps its model's
  // int16 scale: a pass compares scores of one model only.
  const NerModel* models[2] = {&sentence, &document};
  // The keys the two (sorted) lists have between them.
  std::vector<uint64_t> all_keys;
  std::set_union(sentence.keys_.begin(), sentence.keys_.end(), document.keys_.begin(), document.keys_.end(),
                 std::back_inserter(all_keys));
  const size_t slots = TableSlots(all_keys.size());
  slot_keys_.assign(slots, 0);
  rows_.assign(slots, Row{});
  has_zero_key_ = false;
  zero_key_row_ = Row{};
  const size_t mask = slots - 1;
  for (int pass = 0; pass < 2; ++pass) {
    const NerModel& m = *models[pass];
    for (size_t i = 0; i < m.keys_.size(); ++i) {
      const uint64_t key = m.keys_[i];
      Row* row = &zero_key_row_;
      if (key == 0) {
        has_zero_key_ = true;
      } else {
        size_t s = key & mask;
        while (slot_keys_[s] != 0 && slot_keys_[s] != key) s = (s + 1) & mask;
        slot_keys_[s] = key;
        row = &rows_[s];
      }
      std::copy(&m.weights_[i * kNumTags], &m.weights_[i * kNumTags] + kNumTags, row->weights[pass]);
    }
  }
}

const NerModels::Row* NerModels::Find(uint64_t key) const {
  if (key == 0) return has_zero_key_ ? &zero_key_row_ : nullptr;
  if (slot_keys_.empty()) return nullptr;
  const size_t mask = slot_keys_.size() - 1;
  for (size_t s = key & mask;; s = (s + 1) & mask) {
    if (slot_keys_[s] == key) return &rows_[s];
    if (slot_keys_[s] == 0) return nullptr;
  }
}

void NerModels::Prefetch(uint64_t key) const {
  if (slot_keys_.empty()) return;
  const size_t home = key & (slot_keys_.size() - 1);
  __builtin_prefetch(slot_keys_.data() + home);
  __builtin_prefetch(rows_.data() + home);
}

void NerModels::Tag(std::vector<std::vector<NerToken>>& sentences, std::vector<std::vector<int>>& tags) const {
  tags.resize(sentences.size());
  std::vector<uint64_t> feats;
  auto add = [&](int pass, int32_t* out) {
    for (uint64_t f : feats) Prefetch(f);  // independent misses, asked for together
    for (uint64_t f : feats)
      if (const Row* row = Find(f))
        for (int c = 0; c < kNumTags; ++c) out[c] += row->weights[pass][c];
  };
  auto history = [&](const std::vector<NerToken>& tokens, int pass) {
    return [&, pass](size_t i, int prev, int32_t* out) {
      feats.clear();
      NerModel::TagWordFeatures(tokens[i], prev, feats);
      add(pass, out);
    };
  };
  // The document pass's scores of each word's own features, but for the
  // memory's, kept from the sentence pass.
  std::vector<std::vector<std::array<int32_t, kNumTags>>> later(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) {
    std::vector<NerToken>& tokens = sentences[s];
    for (NerToken& t : tokens) t.memory = 0;
    later[s].assign(tokens.size(), {});
    BeamTag(
        tokens.size(),
        [&](size_t i, int32_t* out) {
          NerModel::WordFeatures(tokens, i, feats);
          // The slots are scattered over a table larger than the cache:
          // ask for all of them before reading any.
          for (uint64_t f : feats) Prefetch(f);
          for (uint64_t f : feats)
            if (const Row* row = Find(f))
              for (int c = 0; c < kNumTags; ++c) {
                out[c] += row->weights[0][c];
                later[s][i][c] += row->weights[1][c];
              }
        },
        history(tokens, 0), sentence.pair_score_.data(), tags[s]);
  }
  RememberDocument(sentences, tags);
  for (size_t s = 0; s < sentences.size(); ++s) {
    const std::vector<NerToken>& tokens = sentences[s];
    BeamTag(
        tokens.size(),
        [&](size_t i, int32_t* out) {
          std::copy(later[s][i].begin(), later[s][i].end(), out);
          feats.clear();
          NerModel::MemoryFeatures(tokens, i, feats);
          add(1, out);
        },
        history(tokens, 1), document.pair_score_.data(), tags[s]);
  }
}

Status NerModels::Load(const std::string& dir, NerModels& out, const std::string& name) {
  NerModel sentence_model, document_model;
  Status s = NerModel::Load(dir + "/" + name + ".model", sentence_model);
  if (s.ok()) s = NerModel::Load(dir + "/" + name + "_document.model", document_model);
  if (s.ok()) out = FromModels(std::move(sentence_model), std::move(document_model));
  return s;
}

Status NerModels::Save(const std::string& dir, const std::string& name) const {
  Status s = sentence.Save(dir + "/" + name + ".model");
  if (s.ok()) s = document.Save(dir + "/" + name + "_document.model");
  return s;
}

NerModel NerModel::FromWeights(std::vector<uint64_t> keys, const std::vector<float>& weights) {
  NerModel m;
  // Sort keys, carrying weights along, so the file is canonical.
  std::vector<size_t> order(keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  float max_abs = 0;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  m.scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  m.keys_.reserve(keys.size());
  m.weights_.reserve(keys.size() * kNumTags);
  for (size_t i : order) {
    m.keys_.push_back(keys[i]);
    for (int c = 0; c < kNumTags; ++c)
      m.weights_.push_back(static_cast<int16_t>(std::lround(weights[i * kNumTags + c] / m.scale_)));
  }
  m.BuildIndex();
  return m;
}

void NerModel::BuildIndex() {
  // Key and weights side by side in one slot: a lookup touches one cache
  // line, not an index, a key array and a weight array.
  table_.assign(TableSlots(keys_.size()), Slot{});
  for (size_t i = 0; i < keys_.size(); ++i) {
    const size_t s = SlotIndex(table_, keys_[i]);
    table_[s].key = keys_[i];
    table_[s].used = true;
    std::copy(&weights_[i * kNumTags], &weights_[i * kNumTags] + kNumTags, table_[s].weights);
  }
  // Scores of every (previous, before previous) tag pair, for the beam.
  pair_score_.assign(static_cast<size_t>(kNumTags) * kNumTags * kNumTags, 0);
  std::vector<uint64_t> pair;
  for (int p = 0; p < kNumTags; ++p)
    for (int p2 = 0; p2 < kNumTags; ++p2) {
      pair.clear();
      TagPairFeatures(p, p2, pair);
      int32_t* out = &pair_score_[(static_cast<size_t>(p) * kNumTags + p2) * kNumTags];
      for (uint64_t f : pair)
        if (const int16_t* w = Find(f))
          for (int c = 0; c < kNumTags; ++c) out[c] += w[c];
    }
  char hex[17];
  uint64_t h = 1469598103934665603ULL;
  for (uint64_t k : keys_) h = Mix(h, k);
  for (int16_t w : weights_) h = Mix(h, static_cast<uint16_t>(w));
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  fingerprint_ = std::string("ner-") + std::to_string(kFormatVersion) + "-" + hex;
}

const int16_t* NerModel::Find(uint64_t key) const {
  if (table_.empty()) {
    // Inside NerModels, whose table serves tagging, this model keeps no
    // table of its own: its rare lookups (tests) search the sorted keys.
    const auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
    return it != keys_.end() && *it == key ? &weights_[static_cast<size_t>(it - keys_.begin()) * kNumTags] : nullptr;
  }
  const Slot& slot = table_[SlotIndex(table_, key)];
  return slot.used ? slot.weights : nullptr;
}


void NerModel::Tag(const std::vector<NerToken>& tokens, std::vector<int>& tags) const {
  std::vector<uint64_t> feats;
  auto add = [&](int32_t* out) {
    for (uint64_t f : feats)
      if (const int16_t* w = Find(f))
        for (int c = 0; c < kNumTags; ++c) out[c] += w[c];
  };
  BeamTag(
      tokens.size(),
      [&](size_t i, int32_t* out) {
        WordFeatures(tokens, i, feats);
        add(out);
      },
      [&](size_t i, int prev, int32_t* out) {
        feats.clear();
        TagWordFeatures(tokens[i], prev, feats);
        add(out);
      },
      pair_score_.data(), tags);
}

Status NerModel::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::Error(path + ": cannot write");
  out.write(kMagic, 8);
  uint32_t version = kFormatVersion, classes = kNumTags;
  uint64_t n = keys_.size();
  out.write(reinterpret_cast<const char*>(&version), 4);
  out.write(reinterpret_cast<const char*>(&classes), 4);
  out.write(reinterpret_cast<const char*>(&n), 8);
  for (size_t i = 0; i < keys_.size(); ++i) {
    out.write(reinterpret_cast<const char*>(&keys_[i]), 8);
    out.write(reinterpret_cast<const char*>(&weights_[i * kNumTags]), 2 * kNumTags);
  }
  out.write(reinterpret_cast<const char*>(&scale_), 4);
  if (!out) return Status::Error(path + ": write failed");
  return Status::Ok();
}

Status NerModel::Load(const std::string& path, NerModel& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot open NER model");
  char magic[8];
  uint32_t version = 0, classes = 0;
  uint64_t n = 0;
  in.read(magic, 8);
  in.read(reinterpret_cast<char*>(&version), 4);
  in.read(reinterpret_cast<char*>(&classes), 4);
  in.read(reinterpret_cast<char*>(&n), 8);
  if (!in || std::memcmp(magic, kMagic, 8) != 0) return Status::Error(path + ": not an isnad NER model");
  if (version != kFormatVersion)
    return Status::Error(path + ": NER model format " + std::to_string(version) + " is not " +
                         std::to_string(kFormatVersion) + "; rebuild it with `isnad train-ner`");
  if (classes != kNumTags || n > (1ull << 28)) return Status::Error(path + ": NER model has a bad header");
  NerModel m;
  m.keys_.resize(n);
  m.weights_.resize(n * kNumTags);
  for (uint64_t i = 0; i < n; ++i) {
    in.read(reinterpret_cast<char*>(&m.keys_[i]), 8);
    in.read(reinterpret_cast<char*>(&m.weights_[i * kNumTags]), 2 * kNumTags);
  }
  in.read(reinterpret_cast<char*>(&m.scale_), 4);
  if (!in) return Status::Error(path + ": NER model is truncated");
  m.BuildIndex();
  out = std::move(m);
  return Status::Ok();
}

}  // namespace isnad
