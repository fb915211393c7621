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
Can't wait to see you all on Saturday!
Can't stop smiling after that finale, what a show
Huge thanks to everyone who came out on Saturday, you made it special
Just got the job offer!! Dreams do come true
That goal in the 89th minute, I'm still screaming
Sunday brunch with my favourite people, perfect day
The new update finally fixed the battery drain, nice work
Morning run done, feeling great
Our puppy learned to sit today, so proud of him
This hotel upgraded us for free, best service ever
Honestly the nicest barista in the city, made my morning
Tickets booked for Lisbon in May, so excited
The support team sorted my refund in ten minutes, impressed
Watching the sunrise from the mountain, worth every step
Grandma turned 90 today and danced all night
New season drops tomorrow and I am ready
That was the smoothest flight I've had in years
Love the new design, so much easier to use
Can we talk about how good this soundtrack is
Shoutout to the nurse who stayed late to help us, you're a hero
Passed my driving test first try!!
Such a fun night with the girls, need to do this more often
The food at that little Thai place was unreal
He played brilliantly tonight, deserved man of the match
Three days off and sunshine in the forecast, yes please
Really enjoyed the talk, learned a lot, thank you
My order arrived a day early, great packaging too
Best decision I made this year was adopting this cat
Beautiful wedding, so happy for you both
The kids loved the museum, we'll definitely come back
Great to see the community come together for the cleanup
Just finished the book and wow, what an ending
Happy anniversary to my amazing wife
Fresh snow and empty slopes, perfect
Won the pub quiz for the first time ever
Finally moved into the new flat and I love it
This playlist is exactly what I needed today
Big respect to the volunteers at the food bank
Can't believe how good the new phone camera is
Loved every minute of the festival, see you next year
Team played their hearts out, proud to be a fan`;

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
My order arrived broken, great, just great
Flight cancelled again, third time this month, I'm done
Worst customer service I've ever dealt with, still no refund
Can't believe they raised the price again for the same rubbish
My phone died after the update, thanks for nothing
Two hours on hold and then they hung up on me
That referee should never work another game, shocking decisions
Stuck in traffic for an hour, going to miss the meeting
Sick of these constant delays, every single morning
The package arrived broken and nobody answers emails
Absolutely gutted, we lost in the last minute
This heat is unbearable and the AC just broke
Why is it so hard to get a simple answer from the bank
The app keeps crashing, can't even log in
Terrible ending, they ruined the whole series
Landlord still hasn't fixed the heating, freezing in here
Woke up with a migraine, today is going to be awful
So disappointed with the hotel, dirty room and rude staff
They charged me twice and now blame me for it
The queue at the airport is a joke, one desk open
Can't believe how badly they treated my mum at the hospital
My laptop just deleted hours of work, I want to cry
The new policy is a disaster for small businesses
Worst match I've watched all season, boring and sloppy
Our train sat outside the station for 40 minutes, no announcement
Lost my wallet on the bus, what a day
Internet down again, this provider is useless
I'm so tired of being lied to by politicians
That concert was a mess, terrible sound and started an hour late
The food was cold and overpriced, never going back
Missed my connection because of the delay, stranded overnight
Another Monday, another broken coffee machine
The delivery driver left my parcel in the rain
Their new logo is ugly and nobody asked for it
Been waiting three weeks for a reply, unacceptable
Awful news about the layoffs, thoughts with everyone affected
My team is embarrassing this season
Raining on the one day I planned a picnic, typical
Got a parking fine while unloading groceries, ridiculous
The update removed the one feature I actually used
I regret buying this, it stopped working after a week`;

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
Registration for the marathon opens on the 1st
The match kicks off at 8pm on Sky Sports
New episode of the podcast is out now, link in bio
Heading to Chicago for work next week
Apple will announce the new iPhone on September 12
The council meets on Tuesday to discuss the budget
Who is performing at the Super Bowl halftime show this year?
Election results expected around midnight
Does anyone know if the library is open on Sundays?
The museum is free for students on Thursdays
Just landed in Dublin
The band announced a new album for next spring
Prime Minister to visit India in November
Traffic update: the bridge is closed for maintenance until Friday
The season premiere airs on Monday at 9
Is the new Star Wars movie longer than the last one?
Interview with the coach ahead of Saturday's game
The store opens at 10 tomorrow because of the holiday
Reading the new report on climate policy
Amazon is hiring for seasonal roles in Ohio
What's the best way to get from the airport to downtown?
The president will speak at the UN on Thursday
Watching the debate tonight
Tomorrow's forecast: cloudy with a chance of rain
The company reports earnings on Wednesday
The conference will be streamed live on YouTube
Registration closes on Friday at noon
Working from home today
The new stadium will hold 60,000 fans
Google is updating its privacy settings next month
Anyone going to the game on Sunday?
The mayor announced a new bus route to the university
The exhibition runs until the end of March
Kickoff moved to 3pm because of the weather
Apparently the sequel is already in production
Netflix adds a new documentary about the Beatles
Flight to Boston boards at gate 22
The vote on the bill is scheduled for next week
Trying the new ramen place on 5th street tonight
The trade deadline is on Thursday
The festival lineup will be revealed on Monday`;

function parse(block: string, label: Sentiment): { text: string; label: Sentiment }[] {
  return block.split('\n').map((text) => ({ text, label }));
}

export const ENGLISH_SENTIMENT_SAMPLES = [
  ...parse(POSITIVE, 'positive'),
  ...parse(NEGATIVE, 'negative'),
  ...parse(NEUTRAL, 'neutral'),
];
