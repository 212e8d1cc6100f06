#pragma once

#include <string>
#include <string_view>

namespace bulkhead {

class Catalog;
class ThreatModel;

/**
 * The model's diagram as one self-contained SVG document (no scripts, no external
 * references), drawn from the geometry saved in the model: boundaries as dashed rounded
 * areas, elements by their DFD role (external entity: rectangle; process: rounded rectangle;
 * data store: open-sided box with top and bottom lines), flows as arrows between element
 * borders. The viewBox is the diagram's bounds plus a margin. All text is XML-escaped.
 */
std::string diagramToSvg(const ThreatModel &model, const Catalog &catalog);

/** Escapes & < > " ' and replaces control characters XML forbids; safe in text and attributes. */
std::string xmlEscape(std::string_view text);

} // namespace bulkhead
