#pragma once

// Header-only, like uifixtures.h: the support library itself stays free of the UI.

#include "canvas/diagramview.h"
#include "catalog/catalog.h"
#include "document.h"
#include "mainwindow.h"

#include <QTest>
#include <QUndoStack>

#include <memory>

namespace bulkhead::test {

/**
 * A new document in a shown 1400x900 main window at 100% zoom, as the canvas tests start
 * from; closing clears the undo stack first so no unsaved-changes prompt blocks the test.
 */
class EditorWindowFixture
{
public:
    /** False (with the test failed) when the window never got exposed. */
    [[nodiscard]] bool open()
    {
        m_document = std::make_unique<Document>(builtInCatalog());
        m_window = std::make_unique<MainWindow>(m_document.get());
        m_window->resize(1400, 900);
        m_window->show();
        if (!QTest::qWaitForWindowExposed(m_window.get()))
            return false;
        m_window->view()->resetZoom();
        return true;
    }

    void close()
    {
        if (m_document)
            m_document->undoStack()->clear();
        m_window.reset();
        m_document.reset();
    }

    Document *document() const { return m_document.get(); }
    MainWindow *window() const { return m_window.get(); }

private:
    std::unique_ptr<Document> m_document;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace bulkhead::test
