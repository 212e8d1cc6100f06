#pragma once

#include "commands/moveitemscommand.h"
#include "core/result.h"

#include <vector>

namespace bulkhead {

class Document;
class LayoutEngine;
class ThreatModel;
struct LayoutResult;

/**
 * The moves that put the model's boundaries and elements where `layout` says, boundaries
 * first; items the layout leaves out or already has in place do not move, and nothing changes
 * the boundary it sits in.
 */
std::vector<ItemMove> layoutMoves(const ThreatModel &model, const LayoutResult &layout);

/**
 * Arranges the document's diagram with `engine` as one undoable step ("Auto-layout"; none
 * when nothing moves). The engine's error when it cannot.
 */
Status autoLayout(Document &document, LayoutEngine &engine);

} // namespace bulkhead
