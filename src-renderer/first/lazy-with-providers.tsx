import { lazy, type ComponentType } from 'react';

/**
 * A screen loaded later, inside antd's providers (ConfigProvider, App) and with every page's strings: the
 * first screen is plain React, so antd, its CSS-in-JS runtime and the full translations come with the
 * first screen that needs them (docs/decisions/0240).
 */
export function lazyWithProviders<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    const [{ Providers }, Screen] = await Promise.all([import('../Providers'), load()]);
    function WithProviders(props: P) {
      return (
        <Providers>
          <Screen {...props} />
        </Providers>
      );
    }
    return { default: WithProviders };
  });
}
