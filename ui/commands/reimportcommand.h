#pragma once

#include "core/threatmodel.h"

#include <QUndoCommand>

namespace bulkhead {

class Document;

/**
 * File → Update from Deployment Files… as one step: the model before and after the re-import,
 * swapped whole, since a re-import touches items, values and the import record at once. Undo
 * brings back the model as it was, layout and record included.
 */
class ReimportCommand : public QUndoCommand
{
public:
    ReimportCommand(Document *document, ThreatModel updated, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

private:
    Document *m_document;
    ThreatModel m_before;
    ThreatModel m_after;
};

} // namespace bulkhead
