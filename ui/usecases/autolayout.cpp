#include "autolayout.h"

#include "document.h"
#include "layout/layoutengine.h"

#include <QUndoStack>

namespace bulkhead {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

std::vector<ItemMove> layoutMoves(const ThreatModel &model, const LayoutResult &layout)
{
    std::vector<ItemMove> moves;
    for (const Boundary &b : model.boundaries()) {
        const auto it = layout.boundaries.find(b.id);
        if (it != layout.boundaries.end() && !(it->second == b.geometry))
            moves.push_back({qs(b.id), b.geometry, it->second, qs(b.parent), qs(b.parent)});
    }
    for (const Element &e : model.elements()) {
        const auto it = layout.elements.find(e.id);
        if (it != layout.elements.end() && !(it->second == e.geometry))
            moves.push_back({qs(e.id), e.geometry, it->second, qs(e.boundary), qs(e.boundary)});
    }
    return moves;
}

Status autoLayout(Document &document, LayoutEngine &engine)
{
    const auto arranged = engine.layout(document.model());
    if (!arranged)
        return Status::failure(arranged.error());
    std::vector<ItemMove> moves = layoutMoves(document.model(), *arranged);
    if (!moves.empty()) {
        document.undoStack()->push(
            new MoveItemsCommand(&document, std::move(moves), QObject::tr("Auto-layout")));
    }
    return {};
}

} // namespace bulkhead
