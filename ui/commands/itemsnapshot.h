#pragma once

#include "core/boundary.h"
#include "core/element.h"
#include "core/flow.h"

#include <QStringList>

#include <utility>
#include <vector>

namespace bulkhead {

class Document;

/**
 * Copies of diagram items with the positions they had in the model, so that a removal can be
 * undone in place and an addition can be taken back. Boundaries come first in the model's
 * nesting order, then elements, then flows.
 */
struct ItemSnapshot
{
    std::vector<std::pair<int, Boundary>> boundaries;
    std::vector<std::pair<int, Element>> elements;
    std::vector<std::pair<int, Flow>> flows;

    bool empty() const { return boundaries.empty() && elements.empty() && flows.empty(); }
    QStringList ids() const;
};

/** Inserts the items at their positions (ascending), boundaries first so members find them. */
void insertSnapshot(Document &document, const ItemSnapshot &snapshot);
/** Removes the items, flows first, so nothing is ever left dangling in between. */
void removeSnapshot(Document &document, const ItemSnapshot &snapshot);

} // namespace bulkhead
