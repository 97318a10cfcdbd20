// A plain-text view of one analysed report, for people: its head, its
// actors, what was said by whom (with the chain of attribution), and its
// claims, each with polarity and who claims it. `isnad show` prints it.
#pragma once

#include <string>

#include "isnad/document/document.h"

namespace isnad {

void WriteReadable(const Document& doc, std::string& out);

}  // namespace isnad
