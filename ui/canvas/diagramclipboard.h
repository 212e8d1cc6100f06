#pragma once

#include <QStringList>

#include <functional>

namespace bulkhead {

class Document;
class ThreatModel;
struct PastedItems;

/**
 * Copy, paste and duplicate of diagram items. The system clipboard carries a model file of
 * just the copied items (core/submodel.h says what a copy takes and how a paste re-maps it);
 * duplicate goes straight from the selection to the model and leaves the clipboard alone.
 */
namespace diagramclipboard {

/** MIME type of copied items: a model file holding just them. */
QString mimeType();

/** Moves the copies, made ready to add, to where they go (pasteplacement.h). */
using Placement = std::function<void(PastedItems &)>;

/** Puts the items (and the flows among them) on the system clipboard. */
void copy(const Document &document, const QStringList &ids);
/**
 * Adds the clipboard's items with fresh ids and "copy" names (copynames.h), where `place`
 * puts them, as one undo step. Returns their ids; empty when the clipboard holds no items.
 */
QStringList paste(Document &document, const Placement &place);
/** As copy then paste, without the system clipboard. */
QStringList duplicate(Document &document, const QStringList &ids, const Placement &place);

} // namespace diagramclipboard

} // namespace bulkhead
