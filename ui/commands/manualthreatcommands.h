#pragma once

#include "core/manualthreat.h"

#include <QUndoCommand>

namespace bulkhead {

class Document;

/** Adds a threat the catalog does not know, written by a reviewer. */
class AddManualThreatCommand : public QUndoCommand
{
public:
    AddManualThreatCommand(Document *document, ManualThreat threat, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    ManualThreat m_threat;
    int m_position;
};

/** Removes a manual threat; its register entry stays (shown as stale) unless removed too. */
class RemoveManualThreatCommand : public QUndoCommand
{
public:
    RemoveManualThreatCommand(Document *document, const QString &id,
                              QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    ManualThreat m_threat;
    int m_position = -1;
};

} // namespace bulkhead
