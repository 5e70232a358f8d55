declare module '*/__peer-config.js' {
  export const PEER_HOST: string;
  export const PEER_PORT: number;
  export const PEER_PATH: string;
  export const PEER_URL: string;
}
