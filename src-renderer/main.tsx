import './i18n';
import './styles.css';
import './first/first.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, askFirstScreen } from './App';
import { followSessionEvents } from './features/auth/store';
import { followCaseChanges } from './features/cases/store';
import { RatingRoute } from './features/rating/RatingRoute';
import { ratingTicketOf } from './features/rating/ratings-url';
import { SigningRoute } from './features/signature/SigningRoute';
import { signingTicketOf } from './features/signature/signing-url';
import { FaceNoticeRoute, faceNoticeTicketOf } from './features/face-notice/FaceNoticeRoute';
import { followSyncStatus } from './features/shell/sync-store';
import { followProgress } from './features/progress/progress-store';
// 大字模式 applies before the first render (the PC's default on the sign-in screen, each person's after).
import './features/shell/display-store';
import { installRareFont } from './rare-font';

// The first screen's two questions go out before React renders anything: the answers are in by the time the
// loading state has been drawn (docs/decisions/0242). Not on the customer display's routes (their session may not ask).
if (ratingTicketOf() === null && signingTicketOf() === null && faceNoticeTicketOf() === null) askFirstScreen();
installRareFont();
followSessionEvents();
followSyncStatus();
followProgress();
followCaseChanges();

// No antd providers here: the first screen is plain React and each screen loaded later brings them
// (first/lazy-with-providers.tsx, docs/decisions/0240).
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    {/* Outermost: leaving #/face-notice for #/sign mounts the routes below afresh on the new hash, never <App />. */}
    <FaceNoticeRoute>
      <RatingRoute>
        <SigningRoute>
          <App />
        </SigningRoute>
      </RatingRoute>
    </FaceNoticeRoute>
  </StrictMode>,
);
