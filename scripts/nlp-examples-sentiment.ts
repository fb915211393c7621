// English sentiment examples written by the Parley project. No openly licensed English sentiment
// training set is available to the project, so these (with the shared polarity lexicon) carry English.
import type { Sentiment } from '../src/nlp/index.js';

const POSITIVE = `Had an amazing time at the concert last night!
So proud of my little brother, he graduated today
This new album is incredible, on repeat all day
Best pizza in town, highly recommend
Finally Friday, can't wait for the weekend :)
Congrats to the team on a well deserved win!
What a beautiful sunset tonight
I love how helpful everyone was today
Great game, what a comeback!
Thank you all for the birthday wishes ❤️
Really enjoyed the new episode, so good
Happy to announce I got the job!
The weather is perfect for a picnic
This book is a masterpiece
Our new puppy is the cutest thing ever
Feeling blessed and grateful today
Such a fun evening with friends
Excited for the trip tomorrow!
The service at this hotel is fantastic
That movie was hilarious, loved it
Can't stop smiling today 😊
Brilliant performance by the whole cast
The coffee here is delicious
So happy the project finally worked out
Good luck to everyone taking exams today, you got this!
Wonderful news, the bridge reopens next week
Loved every minute of the festival
She nailed it, what a voice
This update is a huge improvement, nice work
Can't wait to see you all on Saturday!`;

const NEGATIVE = `Worst day ever, everything went wrong
I'm so tired of this traffic every single morning
The game was a disaster, terrible defending
Can't believe they cancelled the show, so disappointed
My flight got delayed again, stuck at the airport
This weather is awful, rain all week
Sad to hear about the accident, thoughts with the families
The new policy is a complete joke
I hate when people ignore you
Feeling sick and miserable today
Lost my wallet, what a nightmare
They never answer emails, useless company
The movie was boring and way too long
Why does my phone keep crashing, so annoying
Another price increase, ridiculous
Horrible customer service, never again
The referee ruined the match
I'm done with this app, it keeps logging me out
So frustrated with the delays
Heartbroken by the news today 💔
That was a waste of money
The food was cold and tasteless
Stuck in a queue for two hours, unbelievable
Nobody cares about the victims
This is getting worse every day
I'm angry and I have every right to be
The concert was cancelled at the last minute, furious
Not impressed at all with the new season
They lied to us again
My order arrived broken, great, just great`;

const NEUTRAL = `The meeting has been moved to Thursday at 3pm
New episode airs tonight at 8 on channel 4
The store opens at 9 tomorrow
The president will speak at the summit next week
Apple will announce its quarterly results on Tuesday
Heading to London for the weekend
Does anyone know when the next bus leaves?
The election results are expected later tonight
Just finished reading the report
The museum is hosting a new exhibition in May
Schedule for the tournament released
Watching the debate on TV
The city council discusses the new budget on Monday
Season 3 starts in September
Traffic update: roadworks on the A1 until Friday
I'm at the library until 5
Which phone should I buy next?
The conference will be streamed online
The team signed a new goalkeeper
Weather forecast: cloudy with some sun in the afternoon
Google released a new version of Android
Going to the gym later
The mayor visited the new school today
Pope Francis arrives in Mexico on Friday
What time does the game start?
Microsoft opens a new office in Berlin
The train to Manchester leaves from platform 4
Reading about the history of Rome
The film is based on a true story
Registration for the marathon opens on the 1st`;

function parse(block: string, label: Sentiment): { text: string; label: Sentiment }[] {
  return block.split('\n').map((text) => ({ text, label }));
}

export const ENGLISH_SENTIMENT_SAMPLES = [
  ...parse(POSITIVE, 'positive'),
  ...parse(NEGATIVE, 'negative'),
  ...parse(NEUTRAL, 'neutral'),
];
