import { configure } from '@testing-library/react';

/*
 * Time limits for a busy machine. The suite shares its cores with Maven builds and other test runs; there a single
 * render of the whole console and the fake server's answers can take seconds, and findBy…/waitFor (1 s by default)
 * gave up although nothing was wrong. The tests wait for what they need (an element, a request, the console's
 * WebSocket), never for a fixed time, so a longer limit only makes a real failure slower to report. The per-test limit
 * (testTimeout in vite.config.ts) stays above it.
 */
configure({ asyncUtilTimeout: 10_000 });
