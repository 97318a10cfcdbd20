#include "isnad/interfaces/readable.h"

#include <cstdio>

namespace isnad {

namespace {

std::string SpanText(const Document& doc, Span s) { return doc.text.substr(s.begin, s.end - s.begin); }

std::string EntityName(const Document& doc, int e) {
  if (e < 0) return "(unnamed)";
  return doc.entities[e].name;
}

// The chain of a quote, outermost speaker first: "A > B > C".
std::string Chain(const Document& doc, int q) {
  std::string chain;
  int previous = -2;
  for (int p = q; p >= 0; p = doc.quotes[p].parent) {
    const Quote& quote = doc.quotes[p];
    if (quote.speaker >= 0 && quote.speaker == previous) continue;  // one speaker, two cues
    previous = quote.speaker;
    std::string who = quote.speaker >= 0 ? EntityName(doc, quote.speaker)
                      : quote.speaker_span.empty() ? std::string("(unnamed)")
                                                   : "(" + SpanText(doc, quote.speaker_span) + ")";
    chain = chain.empty() ? who : who + " > " + chain;
  }
  return chain;
}

std::string Shorten(std::string s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + " ...";
}

}  // namespace

void WriteReadable(const Document& doc, std::string& out) {
  out += "# " + doc.id + ": " + doc.title + "\n";
  if (doc.date) {
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", doc.date->year, doc.date->month, doc.date->day);
    out += std::string("date: ") + iso + " (" + doc.date->text + ")\n";
  }
  if (!doc.authors.empty()) {
    out += "by:";
    for (const auto& a : doc.authors) out += " " + a;
    out += "\n";
  }
  out += "\nactors:\n";
  for (const Entity& e : doc.entities) {
    if (e.type == EntityType::kMisc || e.generic) continue;
    out += std::string("  ") + EntityTypeName(e.type) + "  " + e.name + "  [" + e.key + "] x" +
           std::to_string(e.mentions.size());
    if (e.leader >= 0) out += "  (led by " + EntityName(doc, e.leader) + ")";
    out += "\n";
  }
  bool any_generic = false;
  for (const Entity& e : doc.entities) any_generic = any_generic || e.generic;
  if (any_generic) {
    out += "collective actors:";
    for (const Entity& e : doc.entities)
      if (e.generic) out += "  " + e.name;
    out += "\n";
  }
  out += "\nsaid:\n";
  for (size_t q = 0; q < doc.quotes.size(); ++q)
    out += "  " + Chain(doc, static_cast<int>(q)) + " \xE2\x80\x94 " + SpanText(doc, doc.quotes[q].cue) + ": " +
           Shorten(SpanText(doc, doc.quotes[q].content), 160) + "\n";
  out += "\nclaims:\n";
  for (const Relation& r : doc.relations) {
    out += "  " + EntityName(doc, r.source) + " --" + PloverTypeName(r.type) + "--> " + EntityName(doc, r.target);
    out += r.polarity == Polarity::kAsserted ? "  [asserted" : r.polarity == Polarity::kAlleged ? "  [alleged" : "  [denied";
    if (!r.claimed_by.empty()) {
      out += " by ";
      for (size_t k = 0; k < r.claimed_by.size(); ++k) out += (k ? " > " : "") + EntityName(doc, r.claimed_by[k]);
    }
    out += "]";
    if (r.location >= 0) out += "  in " + EntityName(doc, r.location);
    out += "  \xC2\xAB" + SpanText(doc, r.trigger) + "\xC2\xBB\n";  // the trigger in guillemets
  }
}

}  // namespace isnad
