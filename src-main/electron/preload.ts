// Placeholder: the preload exposing exactly the contract is being written.
export {};
