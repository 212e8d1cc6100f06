#pragma once

#include "core/registerentry.h"

#include <QString>

#include <cstddef>

namespace bulkhead {

/**
 * Severity, status and STRIDE names as the editor shows them: the English names of
 * core/displaynames.h, translated (context "DisplayNames"). lupdate finds the texts here.
 */
QString severityName(Severity severity);
/** "up to High" when the model marks the severity as an upper bound (unconfirmed finding). */
QString severityName(Severity severity, bool upTo);
QString threatStatusName(ThreatStatus status);
/** The name of the STRIDE category at `index` in "STRIDE"; empty outside 0..5. */
QString strideName(std::size_t index);
/** The name of the category of a STRIDE letter (either case); empty for another character. */
QString strideNameOfLetter(QChar letter);

} // namespace bulkhead
