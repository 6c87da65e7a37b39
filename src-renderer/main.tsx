import './i18n';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { followSessionEvents } from './features/auth/store';
import { followCaseChanges } from './features/cases/store';
import { RatingRoute } from './features/rating/RatingRoute';
import { SigningRoute } from './features/signature/SigningRoute';
import { FaceNoticeRoute } from './features/face-notice/FaceNoticeRoute';
import { followSyncStatus } from './features/shell/sync-store';
import { followProgress } from './features/progress/progress-store';
import { Providers } from './Providers';
import { installRareFont } from './rare-font';

installRareFont();
followSessionEvents();
followSyncStatus();
followProgress();
followCaseChanges();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Providers>
      {/* Outermost: leaving #/face-notice for #/sign mounts the routes below afresh on the new hash, never <App />. */}
      <FaceNoticeRoute>
        <RatingRoute>
          <SigningRoute>
            <App />
          </SigningRoute>
        </RatingRoute>
      </FaceNoticeRoute>
    </Providers>
  </StrictMode>,
);
