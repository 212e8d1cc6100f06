#pragma once

#include "core/registerentry.h"

#include <QUndoCommand>

#include <optional>

namespace bulkhead {

class Document;

/**
 * Records a reviewer's decision on a threat — status, justification, owner, severity
 * override, notes — as one step. Undo restores the previous entry, or its absence.
 */
class SetRegisterEntryCommand : public QUndoCommand
{
public:
    SetRegisterEntryCommand(Document *document, RegisterEntry entry, const QString &text,
                            QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    RegisterEntry m_entry;
    std::optional<RegisterEntry> m_previous;
};

/** Deletes register entries (stale decisions the reviewer no longer wants) in one step. */
class RemoveRegisterEntriesCommand : public QUndoCommand
{
public:
    RemoveRegisterEntriesCommand(Document *document, const QStringList &threatIds,
                                 QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    std::vector<RegisterEntry> m_removed;
};

} // namespace bulkhead
