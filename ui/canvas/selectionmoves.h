#pragma once

#include "commands/moveitemscommand.h"

#include <QPointF>
#include <QSet>
#include <QString>

#include <vector>

namespace bulkhead {

class DiagramScene;
class NodeItem;
class ThreatModel;

/** The boundary the model puts the item in: an element's boundary or a boundary's parent. */
QString containerOf(const ThreatModel &model, const QString &id);

/** Whether one of the node's enclosing items is in `nodes`, so it moves along with that one. */
bool isCarriedBy(const NodeItem *node, const QSet<const NodeItem *> &nodes);

/**
 * Appends a move within its own boundary for every element and boundary nested in `node`, at
 * any depth, skipping and then recording those in `handled`. Each goes from its current scene
 * rectangle shifted by `fromOffset` to the same shifted by `toOffset`.
 */
void appendContentMoves(const ThreatModel &model, const NodeItem *node, QPointF fromOffset,
                        QPointF toOffset, QSet<const NodeItem *> &handled,
                        std::vector<ItemMove> &moves);

/** Moves the selected items (and what they hold) by `step` as one step; nudges merge. */
void nudgeSelection(DiagramScene &scene, QPointF step);

} // namespace bulkhead
